namespace TiersLieux.Directory.Api.Apis;

public sealed record ImportRejection(int Line, string? Id, string Reason);

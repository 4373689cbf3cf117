namespace TiersLieux.Directory.Api.Apis;

public sealed record ImportReport(int Created, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejected);

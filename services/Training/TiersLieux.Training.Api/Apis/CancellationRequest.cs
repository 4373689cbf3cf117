namespace TiersLieux.Training.Api.Apis;

public sealed record CancellationRequest(string? Reason);

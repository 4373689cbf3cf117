namespace TiersLieux.Directory.Api.Apis;

public sealed record ReviewRequest(Dictionary<string, int>? Scores, string? Comment);

namespace TiersLieux.Web.Platform;

/// <summary>A refusal of the platform (RFC 9457): its status, words, the rule it names and the fields at fault.</summary>
public sealed record PlatformProblem(int Status, string? Title, string? Detail, string? Rule, IReadOnlyDictionary<string, string[]>? Errors);

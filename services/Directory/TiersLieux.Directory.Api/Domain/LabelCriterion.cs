namespace TiersLieux.Directory.Api.Domain;

/// <summary>A criterion reviewers score an application on (0 to 5), weighted in the application's score.</summary>
public sealed record LabelCriterion(string Code, string Name, int Weight);

namespace TiersLieux.Web.Platform;

/// <summary>One criterion of a label campaign and its weight.</summary>
public sealed record LabelCriterion(string Code, string Name, int Weight);

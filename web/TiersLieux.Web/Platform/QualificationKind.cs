namespace TiersLieux.Web.Platform;

/// <summary>A qualification the network recognises (equipment's qualification type).</summary>
public sealed record QualificationKind(string Code, string Name, int? ValidityMonths, int? InactivityMonths);

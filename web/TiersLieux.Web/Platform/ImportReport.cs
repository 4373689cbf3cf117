namespace TiersLieux.Web.Platform;

/// <summary>What the directory did with an imported file: places created, updated, unchanged, and each row it refused.</summary>
public sealed record ImportReport(int Created, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejected);

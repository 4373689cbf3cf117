namespace TiersLieux.Web.Platform;

/// <summary>A row of an imported file the directory refused: its line in the file, its id there, and why (in English, as the API says it).</summary>
public sealed record ImportRejection(int Line, string? Id, string Reason);

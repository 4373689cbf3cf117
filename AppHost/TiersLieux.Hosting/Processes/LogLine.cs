namespace TiersLieux.Hosting.Processes;

public sealed record LogLine(long Sequence, DateTimeOffset Time, bool IsError, string Text);

namespace TiersLieux.Contracts.Directory;

/// <summary>
/// A span of a place's week during which it is open, in minutes of the week on Paris time (Monday 00:00 = 0, Sunday
/// 24:00 = 10080), end exclusive. The directory parses the OSM <c>opening_hours</c> text once; others use the spans.
/// </summary>
public sealed record OpenSpan(int StartMinute, int EndMinute);

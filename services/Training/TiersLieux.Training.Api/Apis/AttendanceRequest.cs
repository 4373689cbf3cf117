namespace TiersLieux.Training.Api.Apis;

public sealed record AttendanceRequest(IReadOnlyList<AttendanceEntry>? Entries);

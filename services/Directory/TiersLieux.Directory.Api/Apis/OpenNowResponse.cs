namespace TiersLieux.Directory.Api.Apis;

/// <summary>Whether a place is open at the moment asked (null: it has not given its hours), and the hours it goes by.</summary>
public sealed record OpenNowResponse(bool? OpenNow, string? OpeningHours, DateTimeOffset At);

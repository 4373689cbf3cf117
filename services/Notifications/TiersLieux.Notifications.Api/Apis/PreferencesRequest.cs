namespace TiersLieux.Notifications.Api.Apis;

/// <summary>The categories to change; those left out keep their setting.</summary>
public sealed record PreferencesRequest(bool? Bookings, bool? Trainings, bool? Subscriptions, bool? Qualifications, bool? Network);

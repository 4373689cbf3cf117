namespace TiersLieux.Notifications.Api.Apis;

/// <summary>Which emails a member receives, by category (account and security messages are always sent).</summary>
public sealed record PreferencesResponse(bool Bookings, bool Trainings, bool Subscriptions, bool Qualifications, bool Network);

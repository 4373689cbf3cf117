namespace TiersLieux.Notifications.Api.Domain;

/// <summary>What a message is about; a member chooses by category which emails they receive.</summary>
public enum NotificationCategory
{
    Bookings,
    Trainings,
    Subscriptions,
    Qualifications,
    Account,
    Network,

    /// <summary>What a place's operators must act on (a machine's maintenance, an unsafe incident): always sent.</summary>
    PlaceOperations,
}

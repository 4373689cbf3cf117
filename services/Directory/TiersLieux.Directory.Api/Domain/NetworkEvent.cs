using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// An event of the network's agenda: a network meeting, a training, an open day at a place. Cancelled events stay in
/// the agenda (calendar clients learn of the cancellation from the feed).
/// </summary>
public sealed class NetworkEvent
{
    private NetworkEvent()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public NetworkEventKind Kind { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The place it happens at, when it does; its operator manages the event.</summary>
    public Guid? PlaceId { get; private set; }

    public string? Location { get; private set; }

    public string? Description { get; private set; }

    public Uri? Url { get; private set; }

    public bool IsCancelled { get; private set; }

    /// <summary>Bumped by every change: the iCalendar SEQUENCE, so clients replace their copy.</summary>
    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static (NetworkEvent? Event, Errors Errors) Schedule(NetworkEventDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate(now);
        if (errors.Any)
        {
            return (null, errors);
        }

        var networkEvent = new NetworkEvent { Id = Guid.CreateVersion7(now), Version = 1 };
        networkEvent.Apply(details, now);
        return (networkEvent, errors);
    }

    public Errors Change(NetworkEventDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate(now);
        if (IsCancelled)
        {
            errors.Add("id", "A cancelled event is not changed: schedule a new one.");
        }

        if (!errors.Any)
        {
            Apply(details, now);
            Version++;
        }

        return errors;
    }

    /// <summary>False when already cancelled.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (IsCancelled)
        {
            return false;
        }

        IsCancelled = true;
        UpdatedAt = now;
        Version++;
        return true;
    }

    private void Apply(NetworkEventDetails details, DateTimeOffset now)
    {
        Title = details.Title.Trim();
        Kind = details.Kind;
        StartsAt = details.StartsAt.ToUniversalTime();
        EndsAt = details.EndsAt.ToUniversalTime();
        PlaceId = details.PlaceId;
        Location = string.IsNullOrWhiteSpace(details.Location) ? null : details.Location.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Url = details.Url;
        UpdatedAt = now;
    }
}

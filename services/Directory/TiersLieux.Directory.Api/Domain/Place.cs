using NpgsqlTypes;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>A tiers-lieu of the regional network, as the directory shows it.</summary>
public sealed class Place
{
    private Place()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public PlaceTypology Typology { get; private set; }

    public string Address { get; private set; } = "";

    public string Commune { get; private set; } = "";

    public string Postcode { get; private set; } = "";

    /// <summary>Département code ("11" for Aude).</summary>
    public string Department { get; private set; } = "";

    public double Latitude { get; private set; }

    public double Longitude { get; private set; }

    public Uri? Website { get; private set; }

    public string? ContactEmail { get; private set; }

    public string? Description { get; private set; }

    /// <summary>What the place offers (<see cref="PlaceServices"/>).</summary>
    public List<string> Services { get; private set; } = [];

    /// <summary>OpenStreetMap opening_hours, as written.</summary>
    public string? OpeningHours { get; private set; }

    /// <summary>
    /// The same hours in minutes of the week (Monday 00:00 = 0), a PostgreSQL multirange: "open now" is one
    /// containment test in the search query. Empty when the hours are unknown.
    /// </summary>
    public NpgsqlRange<int>[] OpenWeekly { get; private set; } = [];

    /// <summary>Whether the place is open at this minute of the week (Paris time); null when it has not said its hours.</summary>
    public bool? IsOpenAt(int minuteOfWeek) =>
        OpeningHours is null ? null : OpenWeekly.Any(span => span.LowerBound <= minuteOfWeek && minuteOfWeek < span.UpperBound);

    public bool? WheelchairAccessible { get; private set; }

    public string? AccessibilityNotes { get; private set; }

    public string? Phone { get; private set; }

    public List<Uri> PhotoUrls { get; private set; } = [];

    public string? OperatorName { get; private set; }

    public PlaceStatus Status { get; private set; }

    /// <summary>
    /// The place's id in another data set it was imported from ("mediation-numerique:&lt;id&gt;"), so importing the
    /// same file again updates the place instead of adding it twice.
    /// </summary>
    public string? ExternalId { get; private set; }

    /// <summary>The edition of the regional label the place holds, null when not (yet) labelled.</summary>
    public int? LabelEdition { get; private set; }

    /// <summary>The label's expiry: labelled until this day included.</summary>
    public DateOnly? LabelledUntil { get; private set; }

    /// <summary>Starts at 1 and grows with each change: the concurrency token, the ETag, and the order of events.</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new place, or the errors that prevent it.</summary>
    public static (Place? Place, Errors Errors) Register(PlaceDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate();
        if (errors.Any)
        {
            return (null, errors);
        }

        var place = new Place { Id = Guid.CreateVersion7(now), Version = 1, CreatedAt = now };
        place.Apply(details, now);
        return (place, errors);
    }

    /// <summary>Changes the details and bumps the version, or returns the errors and changes nothing.</summary>
    public Errors Update(PlaceDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate();
        if (errors.Any)
        {
            return errors;
        }

        Apply(details, now);
        Version++;
        return errors;
    }

    public void LinkToExternal(string externalId) => ExternalId = externalId;

    /// <summary>Labelled on the given day (an expired label no longer counts).</summary>
    public bool IsLabelledOn(DateOnly day) => LabelEdition is not null && LabelledUntil is { } until && until >= day;

    /// <summary>The network's decision: the place carries the edition's label until <paramref name="until"/>.</summary>
    public void GrantLabel(int edition, DateOnly until, DateTimeOffset now)
    {
        LabelEdition = edition;
        LabelledUntil = until;
        UpdatedAt = now;
        Version++;
    }

    private void Apply(PlaceDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        Typology = details.Typology;
        Address = details.Address.Trim();
        Commune = details.Commune.Trim();
        Postcode = details.Postcode;
        Department = details.Department;
        Latitude = details.Latitude;
        Longitude = details.Longitude;
        // Stored and answered in one canonical spelling (https://example.org/).
        Website = details.Website is null ? null : new Uri(details.Website.AbsoluteUri);
        ContactEmail = details.ContactEmail?.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Services = [.. (details.Services ?? []).Distinct().Order(StringComparer.Ordinal)];
        var hours = details.OpeningHours is null ? null : Domain.OpeningHours.Parse(details.OpeningHours).Hours;
        OpeningHours = hours?.Text;
        OpenWeekly = [.. (hours?.Weekly ?? []).Select(span => new NpgsqlRange<int>(span.Start, true, span.End, false))];
        WheelchairAccessible = details.WheelchairAccessible;
        AccessibilityNotes = string.IsNullOrWhiteSpace(details.AccessibilityNotes) ? null : details.AccessibilityNotes.Trim();
        Phone = details.Phone?.Trim();
        PhotoUrls = [.. (details.PhotoUrls ?? []).Select(photo => new Uri(photo.AbsoluteUri))];
        OperatorName = string.IsNullOrWhiteSpace(details.OperatorName) ? null : details.OperatorName.Trim();
        Status = details.Status;
        UpdatedAt = now;
    }
}

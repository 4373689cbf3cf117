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
        UpdatedAt = now;
    }
}

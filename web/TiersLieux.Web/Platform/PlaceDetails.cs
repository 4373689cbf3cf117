namespace TiersLieux.Web.Platform;

/// <summary>A place's page: everything the directory publishes of it.</summary>
public sealed record PlaceDetails(Guid Id, string Name, string Typology, string Address, string Commune, string Postcode, string Department,
    double Latitude, double Longitude, Uri? Website, string? ContactEmail, string? Description, IReadOnlyList<string> Services,
    string? OpeningHours, bool? WheelchairAccessible, string? AccessibilityNotes, string? Phone, IReadOnlyList<Uri> PhotoUrls, string? OperatorName,
    string Status, PlaceLabel? Label, DateTimeOffset UpdatedAt, int Version = 0);

using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record PlaceResponse(
    Guid Id,
    string Name,
    PlaceTypology Typology,
    string Address,
    string Commune,
    string Postcode,
    string Department,
    double Latitude,
    double Longitude,
    Uri? Website,
    string? ContactEmail,
    string? Description,
    IReadOnlyList<string> Services,
    string? OpeningHours,
    bool? WheelchairAccessible,
    string? AccessibilityNotes,
    string? Phone,
    IReadOnlyList<Uri> PhotoUrls,
    string? OperatorName,
    PlaceStatus Status,
    LabelResponse? Label,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PlaceResponse From(Place place) => new(place.Id, place.Name, place.Typology, place.Address, place.Commune,
        place.Postcode, place.Department, place.Latitude, place.Longitude, place.Website, place.ContactEmail, place.Description,
        place.Services, place.OpeningHours, place.WheelchairAccessible, place.AccessibilityNotes, place.Phone, place.PhotoUrls,
        place.OperatorName, place.Status, LabelResponse.Of(place), place.Version, place.CreatedAt, place.UpdatedAt);
}

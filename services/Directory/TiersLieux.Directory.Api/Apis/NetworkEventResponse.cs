using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

public sealed record NetworkEventResponse(Guid Id, string Title, NetworkEventKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? PlaceId,
    string? Location, string? Description, Uri? Url, bool Cancelled, int Version)
{
    public static NetworkEventResponse From(NetworkEvent e) =>
        new(e.Id, e.Title, e.Kind, e.StartsAt, e.EndsAt, e.PlaceId, e.Location, e.Description, e.Url, e.IsCancelled, e.Version);
}

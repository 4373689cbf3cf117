namespace TiersLieux.Web.Platform;

/// <summary>An event of the network's agenda.</summary>
public sealed record NetworkEvent(Guid Id, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid? PlaceId, string? Location,
    string? Description, Uri? Url, bool Cancelled);

using Microsoft.Extensions.Caching.Memory;

namespace TiersLieux.Web.Platform;

/// <summary>
/// What a place's public page shows: the directory's place and the offer around it (<see cref="PlaceOffer"/>), read
/// together and kept <see cref="Lifetime"/> for the next visitors of the same page.
/// </summary>
public sealed record PlaceSheet(PlaceDetails Place, PlaceOffer Offer)
{
    /// <summary>
    /// How long a place's page is served from memory. A place's description, machines, sessions and plans change a
    /// few times a month; an operator's edit shows on the public page within this time (a machine or a plan within twice
    /// this time: they come from lists kept as long, <see cref="PlatformClient.OfferLifetime"/>), and "open now" moves at the
    /// minute. Without it every view made its reads through the gateway again (p95 80 ms against a 50 ms target).
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>The place's sheet, or null when the directory has no such place; a partial one (a service down) is not kept.</summary>
    public static async Task<PlaceSheet?> ReadAsync(PlatformClient platform, IMemoryCache cache, Guid placeId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = $"place-sheet:{placeId}";
        if (cache.TryGetValue(key, out PlaceSheet? kept) && kept is not null)
        {
            return kept;
        }

        // All reads at once: the offer's four do not wait for the place's own.
        var offer = PlaceOffer.ReadAsync(platform, placeId, clock, cancellationToken);
        PlaceDetails? place;
        try
        {
            place = await platform.PlaceAsync(placeId, cancellationToken);
        }
        catch
        {
            // The offer's reads keep their own failures to themselves; wait for them so that nothing runs unobserved.
            await offer;
            throw;
        }

        var read = await offer;
        if (place is null)
        {
            return null;
        }

        var sheet = new PlaceSheet(place, read);
        if (read is { Machines: not null, Sessions: not null, Plans: not null })
        {
            cache.Set(key, sheet, Lifetime);
        }

        return sheet;
    }
}

using Microsoft.EntityFrameworkCore;

namespace TiersLieux.Messaging;

public static class PlaceCopies
{
    /// <summary>
    /// Applies a directory place event to the service's copy: created on first sight, changed only by a higher version
    /// (Registered and Updated carry the whole state, so whichever is newer wins whatever order they arrive in).
    /// <paramref name="alsoApply"/> copies what else a service keeps of a place (membership: its typology).
    /// </summary>
    public static async Task ApplyAsync<TPlace>(DbContext db, Guid placeId, string name, int version, CancellationToken cancellationToken,
        Action<TPlace>? alsoApply = null)
        where TPlace : class, IPlaceCopy, new()
    {
        ArgumentNullException.ThrowIfNull(db);
        var place = await db.Set<TPlace>().FirstOrDefaultAsync(p => p.Id == placeId, cancellationToken);
        if (place is null)
        {
            place = new TPlace { Id = placeId };
            db.Set<TPlace>().Add(place);
        }

        if (TryApply(place, name, version))
        {
            alsoApply?.Invoke(place);
        }
    }

    /// <summary>Applies a newer state; false when the version is not higher (stale or repeated: nothing changes).</summary>
    public static bool TryApply(IPlaceCopy place, string name, int version)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (version <= place.Version)
        {
            return false;
        }

        place.Name = name;
        place.Version = version;
        return true;
    }
}

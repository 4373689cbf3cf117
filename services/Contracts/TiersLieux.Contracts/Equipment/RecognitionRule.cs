namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// What <see cref="RecognitionChanged"/> means, written once: equipment applies it when it checks a member's use of a
/// machine, booking when it takes a machine's booking, each on its own copy of the place's recognition. It lives
/// with the event because it is the event's meaning, not either service's domain.
/// </summary>
public static class RecognitionRule
{
    /// <summary>
    /// Does a place accept a qualification granted at <paramref name="grantedAt"/> (null: by a network training)? A
    /// place always accepts its own.
    /// </summary>
    public static bool Accepts(Guid placeId, RecognitionMode mode, IReadOnlyCollection<Guid> acceptedPlaceIds, Guid? grantedAt)
    {
        ArgumentNullException.ThrowIfNull(acceptedPlaceIds);
        return grantedAt == placeId || mode switch
        {
            RecognitionMode.All => true,
            RecognitionMode.Listed => grantedAt is null || acceptedPlaceIds.Contains(grantedAt.Value),
            _ => false,
        };
    }
}

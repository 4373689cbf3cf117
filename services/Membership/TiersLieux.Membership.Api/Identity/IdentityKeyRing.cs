namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// The keys of one use at one moment, and the rotation rules, with no I/O: the <see cref="Current"/> key signs (or
/// encrypts); <see cref="Upcoming"/> ones are published ahead of their turn so every relying party has fetched them
/// before a token signed with them reaches it; <see cref="Previous"/> ones are no longer used but still validate
/// (or decrypt) the tokens they protected until the longest of those can have expired (the retention);
/// <see cref="Expired"/> ones can be deleted.
/// </summary>
public sealed class IdentityKeyRing
{
    private readonly Dictionary<string, DateTimeOffset> _keptUntil = [];

    private IdentityKeyRing(string use, DateTimeOffset now)
    {
        Use = use;
        Now = now;
    }

    public string Use { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The newest key whose turn has come; null only before the very first key is written.</summary>
    public IdentityKey? Current { get; private set; }

    public IReadOnlyList<IdentityKey> Upcoming { get; private set; } = [];

    public IReadOnlyList<IdentityKey> Previous { get; private set; } = [];

    public IReadOnlyList<IdentityKey> Expired { get; private set; } = [];

    /// <summary>What the server loads, the key in use first (OpenIddict signs and encrypts with the first).</summary>
    public IEnumerable<IdentityKey> Loaded => (Current is null ? [] : new[] { Current }).Concat(Upcoming).Concat(Previous);

    /// <summary>The keys of <paramref name="use"/> among <paramref name="keys"/>, as they stand at <paramref name="now"/>.</summary>
    /// <param name="retention">How long a replaced key is kept: the longest lifetime of a token it may have protected.</param>
    public static IdentityKeyRing At(string use, IEnumerable<IdentityKey> keys, DateTimeOffset now, TimeSpan retention)
    {
        var ordered = keys.Where(key => key.Use == use).OrderBy(key => key.ActiveFrom).ThenBy(key => key.CreatedAt).ToList();
        var ring = new IdentityKeyRing(use, now);
        var started = ordered.Where(key => key.ActiveFrom <= now).ToList();
        ring.Current = started.LastOrDefault();
        ring.Upcoming = ordered.Where(key => key.ActiveFrom > now).ToList();
        var previous = new List<IdentityKey>();
        var expired = new List<IdentityKey>();
        for (var i = 0; i < started.Count - 1; i++)
        {
            // A key stops being used when the next one starts; tokens it protected until then live at most the retention.
            var keptUntil = started[i + 1].ActiveFrom + retention;
            ring._keptUntil[started[i].KeyId] = keptUntil;
            (keptUntil > now ? previous : expired).Add(started[i]);
        }

        ring.Previous = previous;
        ring.Expired = expired;
        return ring;
    }

    public IdentityKeyState StateOf(IdentityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key == Current ? IdentityKeyState.Current
            : Upcoming.Contains(key) ? IdentityKeyState.Upcoming
            : Previous.Contains(key) ? IdentityKeyState.Previous
            : IdentityKeyState.Expired;
    }

    /// <summary>Until when a replaced key is kept; null for a key still in use or still to come.</summary>
    public DateTimeOffset? KeptUntil(IdentityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _keptUntil.TryGetValue(key.KeyId, out var until) ? until : null;
    }

    /// <summary>
    /// When the successor of the current key should start if one is due now, else null: a key serves
    /// <paramref name="lifetime"/>, and its successor is written <paramref name="lead"/> ahead of its turn. A ring
    /// that already has an upcoming key needs none.
    /// </summary>
    public DateTimeOffset? SuccessorDue(TimeSpan lifetime, TimeSpan lead)
    {
        if (Upcoming.Count > 0)
        {
            return null;
        }

        if (Current is null)
        {
            return Now;
        }

        var turn = Current.ActiveFrom + lifetime;
        return Now >= turn - lead ? Max(turn, Now + lead) : null;
    }

    /// <summary>The start of a successor asked for by hand: after the lead, unless one is already on its way.</summary>
    public DateTimeOffset? ScheduleRotation(TimeSpan lead) => Upcoming.Count > 0 ? null : Now + lead;

    /// <summary>What is loaded and in which role: two replicas with the same fingerprint sign and validate alike.</summary>
    public string Fingerprint => $"{Use}:{Current?.KeyId}|{string.Join(',', Upcoming.Select(k => k.KeyId))}|{string.Join(',', Previous.Select(k => k.KeyId))}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

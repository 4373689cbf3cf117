using TiersLieux.Membership.Api.Identity;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class IdentityKeyRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    private static readonly TimeSpan Lead = TimeSpan.FromDays(1);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private static IdentityKey Key(string id, DateTimeOffset activeFrom, string use = IdentityKey.Signing) =>
        new() { KeyId = id, Use = use, ActiveFrom = activeFrom, CreatedAt = activeFrom - Lead };

    [Fact]
    public void An_empty_ring_needs_its_first_key_at_once()
    {
        var ring = IdentityKeyRing.At(IdentityKey.Signing, [], Start, Retention);

        Assert.Null(ring.Current);
        Assert.Equal(Start, ring.SuccessorDue(Lifetime, Lead));
    }

    [Fact]
    public void A_successor_is_due_a_lead_before_the_current_key_has_served_its_lifetime_and_starts_when_it_has()
    {
        var keys = new[] { Key("a", Start) };

        Assert.Null(IdentityKeyRing.At(IdentityKey.Signing, keys, Start + Lifetime - Lead - TimeSpan.FromMinutes(1), Retention).SuccessorDue(Lifetime, Lead));
        Assert.Equal(Start + Lifetime, IdentityKeyRing.At(IdentityKey.Signing, keys, Start + Lifetime - Lead, Retention).SuccessorDue(Lifetime, Lead));
        // Down for a month: the successor still gets its full day of publication before it signs.
        var late = Start + Lifetime + TimeSpan.FromDays(30);
        Assert.Equal(late + Lead, IdentityKeyRing.At(IdentityKey.Signing, keys, late, Retention).SuccessorDue(Lifetime, Lead));
    }

    [Fact]
    public void An_upcoming_key_is_published_not_used_and_no_second_successor_is_written()
    {
        var ring = IdentityKeyRing.At(IdentityKey.Signing, [Key("a", Start), Key("b", Start + Lifetime)], Start + Lifetime - TimeSpan.FromHours(1), Retention);

        Assert.Equal("a", ring.Current!.KeyId);
        Assert.Equal(["a", "b"], ring.Loaded.Select(k => k.KeyId));
        Assert.Equal(IdentityKeyState.Upcoming, ring.StateOf(ring.Upcoming[0]));
        Assert.Null(ring.SuccessorDue(Lifetime, Lead));
        Assert.Null(ring.ScheduleRotation(Lead));
    }

    [Fact]
    public void A_replaced_key_is_kept_for_the_retention_after_its_successor_started_then_expires()
    {
        var keys = new[] { Key("a", Start), Key("b", Start + Lifetime) };
        var switched = Start + Lifetime;

        var justAfter = IdentityKeyRing.At(IdentityKey.Signing, keys, switched, Retention);
        Assert.Equal("b", justAfter.Current!.KeyId);
        Assert.Equal(["b", "a"], justAfter.Loaded.Select(k => k.KeyId));
        Assert.Equal(switched + Retention, justAfter.KeptUntil(keys[0]));
        Assert.Null(justAfter.KeptUntil(keys[1]));

        var lastMoment = IdentityKeyRing.At(IdentityKey.Signing, keys, switched + Retention - TimeSpan.FromTicks(1), Retention);
        Assert.Equal(IdentityKeyState.Previous, lastMoment.StateOf(keys[0]));

        var after = IdentityKeyRing.At(IdentityKey.Signing, keys, switched + Retention, Retention);
        Assert.Equal(IdentityKeyState.Expired, after.StateOf(keys[0]));
        Assert.Equal(["b"], after.Loaded.Select(k => k.KeyId));
    }

    [Fact]
    public void A_ring_reads_only_its_own_use_and_its_fingerprint_follows_the_roles()
    {
        var keys = new[] { Key("a", Start), Key("e", Start, IdentityKey.Encryption), Key("b", Start + Lifetime) };

        var before = IdentityKeyRing.At(IdentityKey.Signing, keys, Start + Lifetime - TimeSpan.FromMinutes(1), Retention);
        var after = IdentityKeyRing.At(IdentityKey.Signing, keys, Start + Lifetime, Retention);

        Assert.DoesNotContain(before.Loaded, k => k.KeyId == "e");
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        Assert.Equal(after.Fingerprint, IdentityKeyRing.At(IdentityKey.Signing, keys, Start + Lifetime + TimeSpan.FromDays(1), Retention).Fingerprint);
    }

    [Fact]
    public void A_rotation_asked_for_by_hand_starts_after_the_lead()
    {
        var now = Start + TimeSpan.FromDays(10);

        Assert.Equal(now + Lead, IdentityKeyRing.At(IdentityKey.Signing, [Key("a", Start)], now, Retention).ScheduleRotation(Lead));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Every change to the OpenID Connect server's keys, each under one advisory lock so replicas doing it together
/// write one successor, not two: the first keys, a successor when one is due (<see cref="IdentityKeyRing.SuccessorDue"/>),
/// a rotation asked for by the network team, and the deletion of keys no token can need any more.
/// </summary>
public sealed class IdentityKeyRotation(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdentityOptions> identity, ILogger<IdentityKeyRotation> logger)
{
    /// <summary>Any constant of ours, apart from the migrator's.</summary>
    private const long KeysLockKey = 7_478_210_002;

    private IdentityOptions Options => identity.Value;

    /// <summary>The rings as they stand now, without changing anything.</summary>
    public async Task<IReadOnlyList<IdentityKeyRing>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var keys = await db.IdentityKeys.AsNoTracking().ToListAsync(cancellationToken);
        return Rings(keys, clock.GetUtcNow());
    }

    /// <summary>Writes the first keys or a due successor, deletes the expired; the rings afterwards.</summary>
    public Task<IReadOnlyList<IdentityKeyRing>> MaintainAsync(CancellationToken cancellationToken) =>
        ChangeAsync((db, rings, now) =>
        {
            var changed = false;
            foreach (var ring in rings)
            {
                if (ring.SuccessorDue(Options.KeyLifetime, Options.KeyPublishLead) is { } start)
                {
                    db.IdentityKeys.Add(IdentityKey.Create(ring.Use, start, now));
                    logger.LogInformation("New {Use} key written, published now, in use from {Start:u}", ring.Use, start);
                    changed = true;
                }

                db.IdentityKeys.RemoveRange(ring.Expired);
                changed |= ring.Expired.Count > 0;
            }

            return changed;
        }, cancellationToken);

    /// <summary>
    /// A rotation asked for by the network team, recorded in the audit trail. Planned: new keys published now, used
    /// after the publish lead, the old ones kept for their tokens; refused (null) when a successor is already on its
    /// way. Compromised: new keys used at once and every other key deleted, which ends every session.
    /// </summary>
    public async Task<IReadOnlyList<IdentityKeyRing>?> RotateAsync(bool compromised, Caller caller, CancellationToken cancellationToken)
    {
        var rotated = false;
        var rings = await ChangeAsync((db, rings, now) =>
        {
            var starts = rings.Select(ring => compromised ? now : ring.ScheduleRotation(Options.KeyPublishLead)).ToList();
            if (starts.Any(start => start is null))
            {
                return false;
            }

            foreach (var (ring, start) in rings.Zip(starts))
            {
                if (compromised)
                {
                    db.IdentityKeys.RemoveRange(ring.Loaded.Concat(ring.Expired));
                }

                db.IdentityKeys.Add(IdentityKey.Create(ring.Use, start!.Value, now));
            }

            var outcome = compromised
                ? "compromised: new keys in use at once, every previous key deleted"
                : $"planned: new keys published now, in use from {now + Options.KeyPublishLead:u}";
            db.AuditTrail.Add(AuditEntry.OnNetwork(caller, AuditActions.IdentityKeysRotated, "identity-keys", "membership", outcome, now));
            rotated = true;
            return true;
        }, cancellationToken);
        return rotated ? rings : null;
    }

    private async Task<IReadOnlyList<IdentityKeyRing>> ChangeAsync(
        Func<MembershipDbContext, IReadOnlyList<IdentityKeyRing>, DateTimeOffset, bool> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var (changed, now, keys) = await db.InTransactionAsync(async ct =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({KeysLockKey})", ct);
            var now = clock.GetUtcNow();
            var keys = await db.IdentityKeys.ToListAsync(ct);
            return (Changed: change(db, Rings(keys, now), now), Now: now, Keys: keys);
        }, cancellationToken, commitIf: outcome => outcome.Changed);
        return changed ? Rings(await db.IdentityKeys.AsNoTracking().ToListAsync(cancellationToken), now) : Rings(keys, now);
    }

    private IReadOnlyList<IdentityKeyRing> Rings(IEnumerable<IdentityKey> keys, DateTimeOffset now)
    {
        var all = keys.ToList();
        return [.. IdentityKey.Uses.Select(use => IdentityKeyRing.At(use, all, now, Options.KeyRetention))];
    }

    /// <summary>What a replica loads and in which role, for both uses.</summary>
    public static string Fingerprint(IEnumerable<IdentityKeyRing> rings) => string.Join(' ', rings.Select(ring => ring.Fingerprint));
}

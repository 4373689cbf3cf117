using Microsoft.Extensions.Options;
using TiersLieux.Membership.Api.Identity;
using TiersLieux.Messaging.Jobs;

namespace TiersLieux.Membership.Api.Jobs;

/// <summary>
/// Rotates the OpenID Connect server's keys without anyone asking, on every replica: each pass writes a successor
/// when one is due, deletes keys no token can need any more, and reloads the server when the keys as they stand now
/// (a successor's turn has come, a rotation was asked for on another replica) differ from those it loaded.
/// Replicas switch within one <see cref="IdentityOptions.KeyCheckInterval"/> of each other; a token signed by one
/// that switched first still validates on the others, which have published the new key for a day.
/// </summary>
internal sealed class IdentityKeyRotationJob(IdentityKeyRotation rotation, IdentityKeyReload reload, IOptions<IdentityOptions> identity,
    TimeProvider clock, ILogger<IdentityKeyRotationJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => identity.Value.KeyCheckInterval;

    protected override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rings = await rotation.MaintainAsync(cancellationToken);
        reload.ReloadIfChanged(IdentityKeyRotation.Fingerprint(rings));
        return false;
    }
}

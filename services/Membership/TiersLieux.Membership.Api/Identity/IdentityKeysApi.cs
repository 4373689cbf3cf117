using Microsoft.AspNetCore.Http.HttpResults;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// /api/membership/identity-keys: the network team sees the OpenID Connect server's keys (never their private part)
/// and rotates them. Keys also rotate by themselves every <see cref="IdentityOptions.KeyLifetime"/>.
/// </summary>
public static class IdentityKeysApi
{
    public static RouteGroupBuilder MapIdentityKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/membership/identity-keys").WithTags("Identity keys").RequireAuthorization(PlatformPolicies.NetworkAdmin);
        keys.MapGet("/", ListKeys).WithName("ListIdentityKeys")
            .WithSummary("The token signing and encryption keys: which is in use, which is published ahead, which is kept for its tokens.");
        keys.MapPost("/rotation", RotateKeys).WithName("RotateIdentityKeys")
            .WithSummary("Rotates the keys: planned (published now, in use after the publish lead) or, for a leaked key, at once.");
        return keys;
    }

    public static async Task<Ok<IReadOnlyList<IdentityKeyResponse>>> ListKeys(IdentityKeyRotation rotation, CancellationToken cancellationToken) =>
        TypedResults.Ok(Describe(await rotation.ReadAsync(cancellationToken)));

    public static async Task<Results<Ok<IReadOnlyList<IdentityKeyResponse>>, ProblemHttpResult>> RotateKeys(
        KeyRotationRequest request, IdentityKeyRotation rotation, IdentityKeyReload reload, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await rotation.RotateAsync(request.Compromised, caller, cancellationToken) is not { } rings)
        {
            // Read again for the message: by now the upcoming keys may even have taken over.
            var upcoming = (await rotation.ReadAsync(cancellationToken)).SelectMany(ring => ring.Upcoming).Select(key => (DateTimeOffset?)key.ActiveFrom).Min();
            return Problems.Conflict("A rotation is already on its way.",
                $"New keys are published and {(upcoming is { } from ? $"will be in use from {from:u}" : "are in use now")}. For a leaked key, ask for a compromised rotation.");
        }

        // This replica serves the new keys now; the others within one check interval.
        reload.ReloadIfChanged(IdentityKeyRotation.Fingerprint(rings));
        return TypedResults.Ok(Describe(rings));
    }

    private static IReadOnlyList<IdentityKeyResponse> Describe(IReadOnlyList<IdentityKeyRing> rings) =>
    [
        .. rings.SelectMany(ring => ring.Loaded.Select(key => new IdentityKeyResponse(key.KeyId, key.Use,
            ring.StateOf(key).ToString().ToLowerInvariant(), key.CreatedAt, key.ActiveFrom, ring.KeptUntil(key)))),
    ];
}

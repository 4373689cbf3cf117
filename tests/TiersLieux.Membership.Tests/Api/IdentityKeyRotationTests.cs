using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// Rotating the token keys on two replicas of membership sharing one database, with the clock the test moves: a
/// planned rotation signs nobody out, a compromised key is withdrawn at once.
/// </summary>
public sealed class IdentityKeyRotationTests(InfrastructureFixture infrastructure)
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_planned_rotation_publishes_the_new_key_a_day_ahead_and_signs_nobody_out()
    {
        await using var first = await MembershipService.StartAsync(infrastructure);
        await using var second = await MembershipService.StartAsync(infrastructure, database: first.Database);
        var replicas = new[] { first, second };
        var place = await first.KnownPlaceAsync();
        var memberId = await first.MemberWithPasswordAsync("lea@example.org", Password, place);
        var signedIn = await first.SignInAsync("lea@example.org", Password);
        var oldKey = Kid(signedIn.AccessToken!);
        Assert.Equal([oldKey], await SigningKeyIdsAsync(second));

        var rotated = await first.Client.PostAsJsonAsync("/api/membership/identity-keys/rotation", new { compromised = false }, Cancel);

        Assert.True(rotated.StatusCode == HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync(Cancel));
        var keys = (await rotated.Content.ReadFromJsonAsync<JsonArray>(Cancel))!.Select(key => key!.AsObject()).ToList();
        var upcoming = keys.Single(key => (string)key["use"]! == "signing" && (string)key["state"]! == "upcoming");
        var newKey = (string)upcoming["keyId"]!;
        var turn = upcoming["activeFrom"]!.GetValue<DateTimeOffset>();
        Assert.Equal(first.Clock.GetUtcNow() + TimeSpan.FromDays(1), turn);
        Assert.Contains(keys, key => (string)key["use"]! == "encryption" && (string)key["state"]! == "upcoming");
        Assert.Equal((string)keys.Single(key => (string)key["use"]! == "signing" && (string)key["state"]! == "current")["keyId"]!, oldKey);
        // Published at once by the replica asked, within a check of its clock by the other; still signing with the old key.
        Assert.Equal(new[] { oldKey, newKey }.Order(), (await SigningKeyIdsAsync(first)).Order());
        await TickUntilAsync(replicas, async () => (await SigningKeyIdsAsync(second)).Contains(newKey));
        Assert.Equal(oldKey, Kid(await second.ClientCredentialsTokenAsync(MembershipService.AdminClientId, MembershipService.AdminClientSecret)));
        await Problem.AssertAsync(await first.Client.PostAsJsonAsync("/api/membership/identity-keys/rotation", new { compromised = false }, Cancel), HttpStatusCode.Conflict);

        // Ten minutes before the turn a member signs in on the second replica; then the turn comes.
        Advance(replicas, turn - TimeSpan.FromMinutes(10) - first.Clock.GetUtcNow());
        var beforeTurn = await second.SignInAsync("lea@example.org", Password);
        Assert.Equal(oldKey, Kid(beforeTurn.AccessToken!));
        Advance(replicas, TimeSpan.FromMinutes(10));
        foreach (var replica in replicas)
        {
            await TickUntilAsync(replicas, async () =>
                Kid(await replica.ClientCredentialsTokenAsync(MembershipService.AdminClientId, MembershipService.AdminClientSecret)) == newKey);
        }

        // Tokens signed and encrypted with the old keys still work on both replicas.
        foreach (var replica in replicas)
        {
            using var member = replica.Factory.CreateClient().WithBearer(beforeTurn.AccessToken!);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/membership/members/{memberId}", Cancel)).StatusCode);
            Assert.True((await ValidateWithJwksAsync(replica, beforeTurn.AccessToken!)).IsValid);
        }

        var refreshed = await second.RefreshAsync(signedIn.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        Assert.Equal(newKey, Kid(refreshed.AccessToken!));

        // Who rotated is in the audit trail.
        first.Client.WithBearer(await first.ClientCredentialsTokenAsync(MembershipService.AdminClientId, MembershipService.AdminClientSecret));
        var audit = await first.Client.GetFromJsonAsync<JsonObject>("/api/membership/audit?action=identity-keys-rotated", Cancel);
        var entry = Assert.Single(audit!["items"]!.AsArray())!;
        Assert.Equal(MembershipService.AdminClientId, (string)entry["actorSubject"]!);
        Assert.StartsWith("planned", (string)entry["outcome"]!, StringComparison.Ordinal);

        // Once every token the old keys protected can have expired, they are withdrawn and deleted. (By then the new
        // key has served the tests' 400 days, far past its lifetime: its own successor is on its way, unasked.)
        var keptUntil = (await first.Client.GetFromJsonAsync<JsonArray>("/api/membership/identity-keys", Cancel))!
            .Single(key => (string)key!["keyId"]! == oldKey)!["keptUntil"]!.GetValue<DateTimeOffset>();
        Advance(replicas, keptUntil - first.Clock.GetUtcNow());
        await TickUntilAsync(replicas, async () => !(await SigningKeyIdsAsync(first)).Contains(oldKey) && !(await SigningKeyIdsAsync(second)).Contains(oldKey));
        await using var scope = first.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().IdentityKeys.AsNoTracking().ToListAsync(Cancel);
        Assert.DoesNotContain(stored, key => key.KeyId == oldKey);
        var successor = Assert.Single(stored, key => key.Use == "signing" && key.KeyId != newKey);
        Assert.Equal(successor.CreatedAt + TimeSpan.FromDays(1), successor.ActiveFrom);
        Assert.Contains(successor.KeyId, await SigningKeyIdsAsync(first));
    }

    [Fact]
    public async Task A_compromised_key_is_withdrawn_at_once_and_every_token_it_signed_is_refused()
    {
        await using var service = await MembershipService.StartAsync(infrastructure);
        var place = await service.KnownPlaceAsync();
        var memberId = await service.MemberWithPasswordAsync("camille@example.org", Password, place);
        var before = await service.SignInAsync("camille@example.org", Password);
        var leaked = Kid(before.AccessToken!);
        var (_, member) = await service.SignedInMemberAsync(place);
        var (_, operatorClient) = await service.SignedInOperatorAsync(place);
        await Problem.AssertAsync(await member.PostAsJsonAsync("/api/membership/identity-keys/rotation", new { compromised = true }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await operatorClient.GetAsync("/api/membership/identity-keys", Cancel), HttpStatusCode.Forbidden);

        var rotated = await service.Client.PostAsJsonAsync("/api/membership/identity-keys/rotation", new { compromised = true }, Cancel);

        Assert.True(rotated.StatusCode == HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync(Cancel));
        var keys = (await rotated.Content.ReadFromJsonAsync<JsonArray>(Cancel))!.Select(key => key!.AsObject()).ToList();
        Assert.Equal(["current", "current"], keys.Select(key => (string)key["state"]!));
        var replacement = (string)keys.Single(key => (string)key["use"]! == "signing")["keyId"]!;
        Assert.NotEqual(leaked, replacement);
        Assert.Equal([replacement], await SigningKeyIdsAsync(service));
        using (var holder = service.Factory.CreateClient().WithBearer(before.AccessToken!))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await holder.GetAsync($"/api/membership/members/{memberId}", Cancel)).StatusCode);
        }

        var refreshed = await service.RefreshAsync(before.RefreshToken!);
        Assert.True(refreshed.IsError, "a refresh token protected by the withdrawn keys was redeemed");
        var again = await service.SignInAsync("camille@example.org", Password);
        Assert.Equal(replacement, Kid(again.AccessToken!));
    }

    private static string Kid(string token) => new JsonWebToken(token).Kid;

    private static async Task<List<string>> SigningKeyIdsAsync(MembershipService service)
    {
        var discovery = await service.Anonymous.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = service.Anonymous.BaseAddress!.ToString(),
            Policy = { RequireHttps = false },
        }, Cancel);
        Assert.False(discovery.IsError, discovery.Error);
        return [.. new JsonWebKeySet(await service.Anonymous.GetStringAsync(discovery.JwksUri, Cancel)).Keys.Select(key => key.Kid)];
    }

    /// <summary>As a resource server would: the signature against the published keys (lifetime aside: the clock is the test's).</summary>
    private static async Task<TokenValidationResult> ValidateWithJwksAsync(MembershipService service, string token)
    {
        var jwks = new JsonWebKeySet(await service.Anonymous.GetStringAsync("/.well-known/jwks", Cancel));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(), ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
        });
    }

    private static void Advance(IEnumerable<MembershipService> replicas, TimeSpan by)
    {
        foreach (var replica in replicas)
        {
            replica.Clock.Advance(by);
        }
    }

    /// <summary>Moves every replica's clock one check interval at a time until the condition holds (each move lets their key job run).</summary>
    private static Task TickUntilAsync(MembershipService[] replicas, Func<Task<bool>> condition) =>
        TestWait.UntilAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }

            Advance(replicas, CheckInterval);
            await Task.Delay(200, Cancel);
            return false;
        }, TimeSpan.FromSeconds(60));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TiersLieux.Contracts.Audit;
using TiersLieux.Messaging.Database;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>
/// GDPR accountability: every sensitive action is traced to who did it (subject and role), when, on which object,
/// with its outcome, in a trail the service itself cannot rewrite; the network team reads all of it, an operator
/// their places' entries, and an erased member's entries keep the fact without the person.
/// </summary>
public sealed class AuditTrailTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Password = "a long enough password";
    private MembershipService _service = null!;
    private Guid _placeA;
    private Guid _placeB;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await MembershipService.StartAsync(infrastructure);
        _placeA = await _service.KnownPlaceAsync("Le Quai, Sète");
        _placeB = await _service.KnownPlaceAsync("La Grange, Foix");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Each_sensitive_action_on_a_member_is_traced_to_its_actor_with_its_outcome()
    {
        var (operatorId, operatorClient) = await _service.SignedInOperatorAsync(_placeA);
        var email = $"camille.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, Password, _placeA);
        var plan = await CreatedIdAsync(await _service.Client.PostAsJsonAsync("/api/membership/plans",
            new { placeId = _placeA, name = "Mensuel", kind = "monthly-coworking", priceCents = 9000, validityDays = 30 }, Cancel));
        var subscription = await CreatedIdAsync(await _service.Client.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan }, Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        var start = _service.Clock.GetUtcNow();

        await ExpectAsync(HttpStatusCode.OK, operatorClient.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = "Impayés" }, Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.OK, operatorClient.DeleteAsync($"/api/membership/members/{member}/suspension", Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await LockOutAsync(email);
        await ExpectAsync(HttpStatusCode.NoContent, operatorClient.DeleteAsync($"/api/membership/members/{member}/lockout", Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.NoContent, _service.Client.PutAsJsonAsync($"/api/membership/members/{member}/password", new { newPassword = "another long password" }, Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.OK, _service.Client.PutAsJsonAsync($"/api/membership/members/{member}/roles",
            new { placeOperator = true, operatedPlaceIds = new[] { _placeA }, networkAdmin = false }, Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.OK, operatorClient.PostAsync($"/api/membership/subscriptions/{subscription}/cancellation", null, Cancel));
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.OK, _service.Client.GetAsync($"/api/membership/members/{member}/personal-data", Cancel));

        var entries = await EntriesAsync(_service.Client, $"memberId={member}");

        // Newest first, one entry per action, each with its actor.
        Assert.Equal(
            ["personal-data-exported", "subscription-cancelled-by-operator", "roles-changed", "password-set-by-another", "lockout-lifted",
                "member-reinstated", "member-suspended", "password-set-by-another"],
            entries.Select(e => e["action"]!.GetValue<string>()));
        var byOperator = entries.Where(e => e["actorSubject"]!.GetValue<string>() == operatorId.ToString()).ToList();
        Assert.Equal(["subscription-cancelled-by-operator", "lockout-lifted", "member-reinstated", "member-suspended"],
            byOperator.Select(e => e["action"]!.GetValue<string>()));
        Assert.All(byOperator, e => Assert.Equal("place-operator", e["actorRole"]!.GetValue<string>()));
        Assert.All(byOperator, e => Assert.StartsWith("Test operator-", e["actorName"]!.GetValue<string>(), StringComparison.Ordinal));
        var byTeam = entries.Except(byOperator).ToList();
        Assert.All(byTeam, e => Assert.Equal(MembershipService.AdminClientId, e["actorSubject"]!.GetValue<string>()));
        Assert.All(byTeam, e => Assert.Equal("network-admin", e["actorRole"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal(member.ToString(), e["memberId"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal([_placeA.ToString()], e["placeIds"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Equal("first password set for the member", entries[^1]["outcome"]!.GetValue<string>());
        Assert.Equal("password replaced by the network team", entries[3]["outcome"]!.GetValue<string>());
        Assert.Equal("suspended, with 1 subscription(s)", entries[^2]["outcome"]!.GetValue<string>());
        Assert.Equal("subscription", entries[1]["objectType"]!.GetValue<string>());
        Assert.Equal(subscription.ToString(), entries[1]["objectId"]!.GetValue<string>());
        Assert.Equal(start, entries[^2]["occurredAt"]!.GetValue<DateTimeOffset>());

        // By actor and by period: the operator's first minute holds the suspension alone.
        var operatorsFirstMinute = await EntriesAsync(_service.Client,
            $"actor={operatorId}&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(1).ToString("O"))}");
        Assert.Equal(["member-suspended"], operatorsFirstMinute.Select(e => e["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_operator_reads_the_entries_of_their_places_only()
    {
        var (_, operatorA) = await _service.SignedInOperatorAsync(_placeA);
        var memberA = await _service.MemberWithPasswordAsync($"a.{Guid.NewGuid():N}@example.org", Password, _placeA);
        var memberB = await _service.MemberWithPasswordAsync($"b.{Guid.NewGuid():N}@example.org", Password, _placeB);
        await ExpectAsync(HttpStatusCode.OK, _service.Client.PostAsJsonAsync($"/api/membership/members/{memberA}/suspension", new { reason = "Règlement" }, Cancel));
        await ExpectAsync(HttpStatusCode.OK, _service.Client.PostAsJsonAsync($"/api/membership/members/{memberB}/suspension", new { reason = "Règlement" }, Cancel));

        var seenByOperator = await EntriesAsync(operatorA, "action=member-suspended");
        var seenByTeamAtB = await EntriesAsync(_service.Client, $"placeId={_placeB}&action=member-suspended");
        var askedForB = await operatorA.GetAsync($"/api/membership/audit?placeId={_placeB}", Cancel);
        var memberOwn = await (await _service.SignedInMemberAsync(_placeA)).Client.GetAsync("/api/membership/audit", Cancel);
        var backwards = await _service.Client.GetAsync("/api/membership/audit?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", Cancel);

        Assert.Contains(seenByOperator, e => e["memberId"]!.GetValue<string>() == memberA.ToString());
        Assert.DoesNotContain(seenByOperator, e => e["memberId"]!.GetValue<string>() == memberB.ToString());
        Assert.All(seenByOperator, e => Assert.Contains(_placeA.ToString(), e["placeIds"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Equal([memberB.ToString()], seenByTeamAtB.Select(e => e["memberId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, askedForB.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberOwn.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Equal("application/problem+json", backwards.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_erased_members_entries_keep_the_fact_but_not_their_name_or_email()
    {
        var email = $"dominique.{Guid.NewGuid():N}@example.org";
        var member = await _service.MemberWithPasswordAsync(email, Password, _placeA);
        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.OK, _service.Client.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = "Demande" }, Cancel));
        var before = await EntriesAsync(_service.Client, $"memberId={member}");
        Assert.All(before, e => Assert.StartsWith("Test dominique.", e["memberName"]!.GetValue<string>(), StringComparison.Ordinal));

        _service.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpectAsync(HttpStatusCode.NoContent, _service.Client.DeleteAsync($"/api/membership/members/{member}", Cancel));
        var after = await EntriesAsync(_service.Client, $"memberId={member}");

        Assert.Equal(["member-erased", "member-suspended", "password-set-by-another"], after.Select(e => e["action"]!.GetValue<string>()));
        Assert.All(after, e => Assert.Null(e["memberName"]));
        Assert.All(after, e => Assert.True(e["memberErased"]!.GetValue<bool>()));
        // Nor anywhere in the stored rows.
        await using var connection = new NpgsqlConnection(_service.Database);
        await connection.OpenAsync(Cancel);
        await using var read = new NpgsqlCommand("SELECT row_to_json(a)::text FROM membership.\"AuditTrail\" a WHERE \"MemberId\" = @member", connection);
        read.Parameters.AddWithValue("member", member);
        await using var rows = await read.ExecuteReaderAsync(Cancel);
        var stored = new List<string>();
        while (await rows.ReadAsync(Cancel))
        {
            stored.Add(rows.GetString(0));
        }

        Assert.Equal(3, stored.Count);
        Assert.All(stored, row => Assert.DoesNotContain("dominique", row, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_services_own_login_may_add_to_the_trail_but_never_change_delete_or_truncate_it()
    {
        var member = await _service.MemberWithPasswordAsync($"e.{Guid.NewGuid():N}@example.org", Password, _placeA);
        await ExpectAsync(HttpStatusCode.OK, _service.Client.PostAsJsonAsync($"/api/membership/members/{member}/suspension", new { reason = "Essai" }, Cancel));
        await using var asService = new NpgsqlConnection(ServiceDatabaseRole.RuntimeConnectionString(_service.Database));
        await asService.OpenAsync(Cancel);

        // The same login changes the rows of an ordinary table: the refusals below are the trail's own.
        Assert.Equal(1, await ExecuteAsync(asService, $"UPDATE membership.\"Members\" SET \"Phone\" = '04 00 00 00 00' WHERE \"Id\" = '{member}'"));
        Assert.Equal(1, await ExecuteAsync(asService, "SELECT 1 FROM membership.\"AuditTrail\" LIMIT 1"));
        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asService, "UPDATE membership.\"AuditTrail\" SET \"Outcome\" = 'nothing happened'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asService, "DELETE FROM membership.\"AuditTrail\""));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asService, "TRUNCATE membership.\"AuditTrail\""));
        var drop = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asService, "DROP TABLE membership.\"AuditTrail\""));
        var takeOver = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asService, "ALTER TABLE membership.\"AuditTrail\" OWNER TO CURRENT_USER"));

        Assert.All([update, delete, truncate], refused => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, drop.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, takeOver.SqlState);
        Assert.Single(await EntriesAsync(_service.Client, $"memberId={member}"), e => e["outcome"]!.GetValue<string>() == "suspended, with 0 subscription(s)");
    }

    [Fact]
    public async Task Another_services_action_is_kept_once_even_when_published_twice()
    {
        var action = new SensitiveActionTaken(Guid.CreateVersion7(), "directory", "place-closed", MembershipService.AdminClientId, "network-admin",
            "place", _placeB.ToString(), null, [_placeB], "closed", _service.Clock.GetUtcNow());
        var bus = _service.Factory.Services.GetRequiredService<IBus>();
        await bus.Publish(action, Cancel);
        await bus.Publish(action, Cancel);

        // Both messages applied (their inbox rows written) before the trail is read.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await AppliedAsync() < 2)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Membership did not consume both SensitiveActionTaken within 30 s.");
            await Task.Delay(100, Cancel);
        }

        var closed = await EntriesAsync(_service.Client, $"placeId={_placeB}&action=place-closed");
        var entry = Assert.Single(closed);
        Assert.Equal(action.ActionId.ToString(), entry["id"]!.GetValue<string>());
        Assert.Equal("directory", entry["service"]!.GetValue<string>());
        Assert.Equal("closed", entry["outcome"]!.GetValue<string>());
    }

    private async Task<int> AppliedAsync()
    {
        await using var scope = _service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiersLieux.Membership.Api.Infrastructure.MembershipDbContext>();
        return await db.Set<TiersLieux.Messaging.InboxMessage>().CountAsync(m => m.Consumer.EndsWith(nameof(TiersLieux.Membership.Api.IntegrationEvents.SensitiveActionTakenConsumer)), Cancel);
    }

    private async Task LockOutAsync(string email)
    {
        using var browser = _service.Browser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await CodeFlow.PostLoginAsync(browser, new Uri("/account/login?returnUrl=%2F", UriKind.Relative), email, $"wrong password {attempt}");
        }
    }

    private static async Task<List<JsonNode>> EntriesAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/membership/audit?pageSize=100&{query}", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return [.. JsonNode.Parse(text)!["items"]!.AsArray().Select(item => item!)];
    }

    private static async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var affected = await command.ExecuteNonQueryAsync(Cancel);
        return affected < 0 ? 1 : affected;
    }
}

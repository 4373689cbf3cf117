using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TiersLieux.ServiceDefaults;
using TiersLieux.Topology;

namespace TiersLieux.EndToEnd.Tests.Security;

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}

/// <summary>
/// The running system as an attacker meets it: through the gateway, with the demo operator of IN'ESS, the demo
/// member Léa, and a world of objects at IN'ESS and at a place neither has anything to do with.
/// </summary>
public sealed class SecurityFixture : PlatformFixture
{
    /// <summary>
    /// The suite sends thousands of requests from one address and one admin subject within minutes, so the general
    /// per-IP and per-subject limits are lifted (Gateway.Tests prove them); the sign-in and booking limits stay as
    /// configured, and the suite floods them. Tokens outlive the suite.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["Gateway__RateLimits__AnonymousPerMinute"] = "1000000",
        ["Gateway__RateLimits__SignedInPerMinute"] = "1000000",
        ["Identity__AccessTokenLifetime"] = "01:00:00",
    };

    protected override bool Dashboard => false;

    /// <summary>IN'ESS's demo operator.</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Léa, a demo member of IN'ESS.</summary>
    public HttpClient Member { get; private set; } = null!;

    /// <summary>Sophie, a demo member who floods booking creation (her own subject, so no other test is limited).</summary>
    public HttpClient Flooder { get; private set; } = null!;

    public SecurityWorld World { get; private set; } = null!;

    public IReadOnlyList<ApiOperation> Surface { get; private set; } = null!;

    public TokenForge Tokens { get; private set; } = null!;

    /// <summary>Connection strings of the five services' databases.</summary>
    public IReadOnlyList<string> Databases { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var iness = await InessAsync();
        Operator = await SignedInClientAsync("operateur@iness.example", "demo-operator-password");
        Member = await SignedInClientAsync("lea.martin@example.org", "demo-member-password");
        Flooder = await SignedInClientAsync("sophie.roux@example.org", "demo-member-password");
        var members = await Admin.GetFromJsonAsync<JsonObject>("/api/membership/members?pageSize=100");
        var lea = members!["items"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == "lea.martin@example.org")!["id"]!.GetValue<Guid>();
        World = await SecurityWorld.BuildAsync(Admin, iness, lea);
        Surface = await ApiSurface.ReadAsync(Gateway);

        var databases = new List<string>();
        foreach (var database in new[] { ResourceNames.DirectoryDb, ResourceNames.MembershipDb, ResourceNames.EquipmentDb, ResourceNames.TrainingDb, ResourceNames.BookingDb, ResourceNames.NotificationsDb })
        {
            databases.Add(new NpgsqlConnectionStringBuilder(await AppHost.ConnectionStringAsync(database)) { Pooling = false }.ConnectionString);
        }

        Databases = databases;
        Tokens = await TokenForge.CreateAsync(Databases[1], AdminToken);
    }

    public override async ValueTask DisposeAsync()
    {
        Operator?.Dispose();
        Member?.Dispose();
        Flooder?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Waits until the databases stop changing (events from the world's creation still being applied), then snapshots them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> QuietSnapshotAsync()
    {
        var previous = await DatabaseSnapshot.TakeAsync(Databases);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Task.Delay(1000);
            var current = await DatabaseSnapshot.TakeAsync(Databases);
            if (!DatabaseSnapshot.Changed(previous, current).Any())
            {
                return current;
            }

            previous = current;
        }

        throw new TimeoutException("The databases kept changing for 30 s without any request.");
    }
}

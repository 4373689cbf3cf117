using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersLieux.Contracts.Directory;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Equipment.Tests.Api;

/// <summary>Equipment on its own fresh database and queues on the shared broker, a clock the test moves, real tokens.</summary>
public sealed class EquipmentService : IAsyncDisposable
{
    private EquipmentService(ServiceFactory<Program> factory, FakeTimeProvider clock, TestTokenIssuer tokens)
    {
        Factory = factory;
        Clock = clock;
        Tokens = tokens;
        Admin = factory.CreateClient().WithBearer(tokens.Token("network-console", ["network-admin"], lifetime: TimeSpan.FromHours(2)));
    }

    public ServiceFactory<Program> Factory { get; }

    public FakeTimeProvider Clock { get; }

    public TestTokenIssuer Tokens { get; }

    public HttpClient Admin { get; }

    public static async Task<EquipmentService> StartAsync(InfrastructureFixture infrastructure)
    {
        var tokens = await TestTokenIssuer.SharedAsync();
        // The fake clock starts at today's real time: tokens are checked against the real clock by JwtBearer.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new ServiceFactory<Program>(new Dictionary<string, string>(tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{ResourceNames.EquipmentDb}"] = await infrastructure.CreateDatabaseAsync("equipment"),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            ["Messaging:EndpointPrefix"] = $"e{Guid.NewGuid():N}"[..9],
        }, services => services.AddSingleton<TimeProvider>(clock));
        var service = new EquipmentService(factory, clock, tokens);
        await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return service;
    }

    public HttpClient As(string token) => Factory.CreateClient().WithBearer(token);

    /// <summary>A directory place, made known the way it really is: PlaceRegistered over the bus.</summary>
    public async Task<Guid> KnownPlaceAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await Factory.Services.GetRequiredService<IBus>().Publish(new PlaceRegistered(id, name, "fablab", "Narbonne", "11100", "11", 43.18, 3.0, 1, DateTimeOffset.UtcNow));
        await TestWait.UntilAsync(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<EquipmentDbContext>().Places.AnyAsync(p => p.Id == id);
        }, TimeSpan.FromSeconds(30));
        return id;
    }

    public async Task<JsonObject> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task DefineAsync(string code, int? validityMonths = null, int? inactivityMonths = null) =>
        await PostAsync(Admin, "/api/equipment/qualification-types", new { code, name = $"Qualification {code}", validityMonths, inactivityMonths });

    public async Task<Guid> MachineAsync(Guid placeId, string? requiredQualification, string name = "Découpe laser Trotec Speedy 300") =>
        (await PostAsync(Admin, "/api/equipment/machines", new
        {
            placeId, name, category = "laser-cutter", make = "Trotec", model = "Speedy 300", requiredQualification,
            safetyNotes = "Ne jamais laisser la machine sans surveillance.", hourlyCostCents = 1200,
        }))["id"]!.GetValue<Guid>();

    public async Task<JsonObject> CheckAsync(Guid machine, Guid member)
    {
        var response = await Admin.GetAsync($"/api/equipment/machines/{machine}/check?memberId={member}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}

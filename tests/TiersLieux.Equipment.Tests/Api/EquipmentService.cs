using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Equipment.Tests.Api;

/// <summary>Equipment under test (<see cref="TestService{TProgram}"/>) and the steps its tests repeat.</summary>
public sealed class EquipmentService : IAsyncDisposable
{
    private readonly TestService<Program> _service;

    private EquipmentService(TestService<Program> service) => _service = service;

    public ServiceFactory<Program> Factory => _service.Factory;

    public FakeTimeProvider Clock => _service.Clock;

    public TestTokenIssuer Tokens => _service.Tokens;

    public HttpClient Admin => _service.Admin;

    public static async Task<EquipmentService> StartAsync(InfrastructureFixture infrastructure) =>
        new(await TestService<Program>.StartAsync(infrastructure, ResourceNames.EquipmentDb));

    public HttpClient As(string token) => _service.As(token);

    public Task<Guid> KnownPlaceAsync(string name) => _service.KnownPlaceAsync(name,
        (services, id) => services.GetRequiredService<EquipmentDbContext>().Places.AnyAsync(p => p.Id == id));

    public async Task<JsonObject> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        (await TestService<Program>.PostAsync(client, path, body, expected)).AsObject();

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

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}

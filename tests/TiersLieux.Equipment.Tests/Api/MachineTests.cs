using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.Jobs;
using TiersLieux.Testing;

namespace TiersLieux.Equipment.Tests.Api;

/// <summary>Machines, incidents and maintenance on a real PostgreSQL, events over a real RabbitMQ; who may do what.</summary>
public sealed class MachineTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private EquipmentService _service = null!;
    private Guid _castres;
    private Guid _foix;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await EquipmentService.StartAsync(infrastructure);
        _castres = await _service.KnownPlaceAsync("Fablab de Castres");
        _foix = await _service.KnownPlaceAsync("Fablab de Foix");
        await _service.DefineAsync("laser-cutter", validityMonths: 24);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task An_unsafe_incident_takes_the_machine_out_of_service_at_once_and_says_so_over_RabbitMQ()
    {
        await using var changes = await EventCollector<MachineStatusChanged>.StartAsync(infrastructure.MessagingConnectionString);
        var laser = await _service.MachineAsync(_castres, "laser-cutter");
        var member = Guid.NewGuid();
        using var memberClient = _service.As(_service.Tokens.Member(member));

        var reported = await _service.PostAsync(memberClient, $"/api/equipment/machines/{laser}/incidents", new { description = "Odeur de brûlé et fumée dans le caisson", @unsafe = true });

        var machine = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/equipment/machines/{laser}", Cancel);
        Assert.Equal("out-of-service", machine!["status"]!.GetValue<string>());
        var change = await changes.WaitForAsync(e => e.MachineId == laser, TimeSpan.FromSeconds(30));
        Assert.Equal("out-of-service", change.Message.Status);
        Assert.Equal(_castres, change.Message.PlaceId);
        Assert.Contains("brûlé", change.Message.Reason, StringComparison.Ordinal);
        Assert.Equal(member.ToString(), reported["reportedBy"]!.GetValue<string>());

        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_castres));
        var incidents = await operatorClient.GetFromJsonAsync<JsonArray>($"/api/equipment/machines/{laser}/incidents", Cancel);
        var incident = Assert.Single(incidents!)!["id"]!.GetValue<Guid>();
        await _service.PostAsync(operatorClient, $"/api/equipment/incidents/{incident}/resolution", new { resolution = "Lentille nettoyée, extraction réparée", backInService = true }, HttpStatusCode.OK);
        var back = await changes.WaitForAsync(e => e.MachineId == laser && e.Status == "available", TimeSpan.FromSeconds(30));
        Assert.Equal(3, back.Message.Version);
    }

    [Fact]
    public async Task A_safe_incident_leaves_the_machine_in_service()
    {
        var printer = await _service.MachineAsync(_castres, null, "Imprimante 3D Prusa");
        using var memberClient = _service.As(_service.Tokens.Member(Guid.NewGuid()));

        await _service.PostAsync(memberClient, $"/api/equipment/machines/{printer}/incidents", new { description = "Bobine de filament vide", @unsafe = false });

        Assert.Equal("available", (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/equipment/machines/{printer}", Cancel))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Maintenance_falls_due_by_hours_of_use_and_by_days_and_is_announced_once_per_cycle()
    {
        await using var due = await EventCollector<MaintenanceDue>.StartAsync(infrastructure.MessagingConnectionString);
        var laser = await _service.MachineAsync(_castres, "laser-cutter");
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_castres));
        var optics = (await _service.PostAsync(operatorClient, $"/api/equipment/machines/{laser}/maintenance-plans", new { task = "Nettoyer l'optique", everyHours = 10 }))["id"]!.GetValue<Guid>();
        var belts = (await _service.PostAsync(operatorClient, $"/api/equipment/machines/{laser}/maintenance-plans", new { task = "Tendre les courroies", everyDays = 30 }))["id"]!.GetValue<Guid>();

        await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 6 }, Cancel);
        var plans = await operatorClient.GetFromJsonAsync<JsonArray>($"/api/equipment/machines/{laser}/maintenance-plans", Cancel);
        Assert.All(plans!, plan => Assert.False(plan!["due"]!.GetValue<bool>()));
        await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 4.5 }, Cancel);
        var byHours = await due.WaitForAsync(e => e.PlanId == optics, TimeSpan.FromSeconds(30));
        Assert.Equal(10.5m, byHours.Message.UsageHours);

        // 31 days later the watch (ticking on the fake clock) finds the belts due.
        _service.Clock.Advance(TimeSpan.FromDays(31));
        var byDays = await due.WaitForAsync(e => e.PlanId == belts, TimeSpan.FromSeconds(30));
        Assert.Equal("Tendre les courroies", byDays.Message.Task);

        await _service.PostAsync(operatorClient, $"/api/equipment/machines/{laser}/maintenance-log", new { planId = optics, work = "Optique nettoyée", parts = "Lingettes optiques" });
        await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 1 }, Cancel);
        _service.Clock.Advance(TimeSpan.FromMinutes(16));
        await Task.Delay(500, Cancel);
        Assert.Single(due.Received, e => e.Message.PlanId == optics);
        Assert.Single(due.Received, e => e.Message.PlanId == belts);
        var log = await operatorClient.GetFromJsonAsync<JsonArray>($"/api/equipment/machines/{laser}/maintenance-log", Cancel);
        Assert.Equal("Lingettes optiques", Assert.Single(log!)!["parts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_operator_runs_their_own_places_machines_members_only_see_and_report()
    {
        var laser = await _service.MachineAsync(_castres, "laser-cutter");
        var member = Guid.NewGuid();
        using var castres = _service.As(_service.Tokens.PlaceOperator(_castres));
        using var foix = _service.As(_service.Tokens.PlaceOperator(_foix));
        using var memberClient = _service.As(_service.Tokens.Member(member));
        using var anonymous = _service.Factory.CreateClient();
        var machine = new { placeId = _castres, name = "Fraiseuse", category = "cnc-router", hourlyCostCents = 2000 };

        // Anyone sees the machines (the website lists a fablab's); only operators register them.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/equipment/machines?placeId={_castres}", Cancel)).StatusCode);
        await Problem.AssertAsync(await anonymous.PostAsJsonAsync("/api/equipment/machines", machine, Cancel), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync($"/api/equipment/machines/{laser}", Cancel)).StatusCode);
        await Problem.AssertAsync(await memberClient.PostAsJsonAsync("/api/equipment/machines", machine, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await foix.PostAsJsonAsync("/api/equipment/machines", machine, Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await castres.PostAsJsonAsync("/api/equipment/machines", machine, Cancel)).StatusCode);
        await Problem.AssertAsync(await foix.PutAsJsonAsync($"/api/equipment/machines/{laser}/status", new { status = "retired" }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await memberClient.PutAsJsonAsync($"/api/equipment/machines/{laser}/status", new { status = "retired" }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await foix.GetAsync($"/api/equipment/machines/{laser}/incidents", Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await foix.PostAsJsonAsync($"/api/equipment/qualifications", new { memberId = member, code = "laser-cutter", placeId = _castres }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await memberClient.GetAsync($"/api/equipment/machines/{laser}/check?memberId={Guid.NewGuid()}", Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync($"/api/equipment/machines/{laser}/check", Cancel)).StatusCode);
        await Problem.AssertAsync(await memberClient.GetAsync($"/api/equipment/qualifications?memberId={Guid.NewGuid()}", Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await foix.PutAsJsonAsync($"/api/equipment/places/{_castres}/recognition", new { mode = "none" }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await castres.PostAsJsonAsync("/api/equipment/qualification-types", new { code = "soudure", name = "Soudure" }, Cancel), HttpStatusCode.Forbidden);
        Assert.Equal("available", (await memberClient.GetFromJsonAsync<JsonObject>($"/api/equipment/machines/{laser}", Cancel))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"placeId\":\"PLACE\",\"category\":\"laser-cutter\",\"hourlyCostCents\":100}", 422, "name")]
    [InlineData("{\"placeId\":\"PLACE\",\"name\":\"X\",\"category\":\"laser-cutter\",\"hourlyCostCents\":-5}", 422, "hourlyCostCents")]
    [InlineData("{\"placeId\":\"PLACE\",\"name\":\"X\",\"category\":\"laser-cutter\",\"hourlyCostCents\":100,\"requiredQualification\":\"nope\"}", 422, "requiredQualification")]
    [InlineData("{\"placeId\":\"PLACE\",\"name\":\"X\",\"category\":\"laser-cutter\",\"hourlyCostCents\":100,\"requiredQualification\":\"Not A Code\"}", 422, "requiredQualification")]
    [InlineData("{\"placeId\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"X\",\"category\":\"laser-cutter\",\"hourlyCostCents\":100}", 422, "placeId")]
    [InlineData("{\"placeId\":\"PLACE\",\"name\":\"X\",\"category\":\"teleporter\",\"hourlyCostCents\":100}", 400, null)]
    [InlineData("{\"placeId\":\"PLACE\",\"name\":\"X\",\"category\":\"laser-cutter\",\"hourlyCostCents\":\"cheap\"}", 400, null)]
    [InlineData("{\"placeId\":", 400, null)]
    public async Task Bad_machines_are_refused_with_problem_json_naming_the_field(string body, int status, string? field)
    {
        using var content = new StringContent(body.Replace("PLACE", _castres.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        var response = await _service.Admin.PostAsync("/api/equipment/machines", content, Cancel);

        var problem = await Problem.AssertAsync(response, (HttpStatusCode)status);
        if (field is not null)
        {
            Assert.NotNull(problem["errors"]![field]);
        }

        var machines = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/equipment/machines?placeId={_castres}", Cancel);
        Assert.DoesNotContain(machines!["items"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "X");
    }

    [Fact]
    public async Task Bad_usage_plans_incidents_and_recognition_are_answered_422_and_unknown_ids_404()
    {
        var laser = await _service.MachineAsync(_castres, "laser-cutter");
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_castres));

        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = -3 }, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/maintenance-plans", new { task = "Rien" }, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/incidents", new { @unsafe = true }, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync($"/api/equipment/places/{_castres}/recognition", new { mode = "listed", acceptedPlaceIds = new[] { Guid.NewGuid() } }, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync($"/api/equipment/places/{_castres}/recognition", new { mode = "all", acceptedPlaceIds = new[] { _foix } }, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await operatorClient.GetAsync($"/api/equipment/machines/{Guid.NewGuid()}", Cancel), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await operatorClient.GetAsync("/api/equipment/machines?status=broken", Cancel), HttpStatusCode.UnprocessableEntity);
        var lasers = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/equipment/machines?placeId={_castres}&category=laser-cutter&status=available", Cancel);
        Assert.Contains(lasers!["items"]!.AsArray(), m => m!["id"]!.GetValue<Guid>() == laser);
        await Problem.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{Guid.NewGuid()}/incidents", new { description = "?", @unsafe = false }, Cancel), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PutAsJsonAsync($"/api/equipment/machines/{laser}/status", new { status = "retired" }, Cancel)).StatusCode);
        await Problem.AssertAsync(await operatorClient.PutAsJsonAsync($"/api/equipment/machines/{laser}/status", new { status = "available" }, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync("/api/equipment/qualification-types", new { code = "laser-cutter", name = "Encore" }, Cancel), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_completed_booking_of_a_machine_adds_its_hours_announces_due_maintenance_and_keeps_the_qualification_alive()
    {
        await using var due = await EventCollector<MaintenanceDue>.StartAsync(infrastructure.MessagingConnectionString);
        var laser = await _service.MachineAsync(_castres, "laser-cutter");
        var member = Guid.NewGuid();
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_castres));
        var plan = (await _service.PostAsync(operatorClient, $"/api/equipment/machines/{laser}/maintenance-plans", new { task = "Nettoyer l'optique", everyHours = 3 }))["id"]!.GetValue<Guid>();
        await _service.PostAsync(operatorClient, "/api/equipment/qualifications", new { memberId = member, code = "laser-cutter", placeId = _castres });
        var bus = _service.Factory.Services.GetRequiredService<IBus>();
        var ended = DateTimeOffset.UtcNow.AddHours(-1);
        var messageId = NewId.NextGuid();
        var completed = new BookingCompleted(Guid.NewGuid(), Guid.NewGuid(), "machine", laser, _castres, member, 3.5m, ended);

        await bus.Publish(completed, context => context.MessageId = messageId, Cancel);
        await bus.Publish(completed, context => context.MessageId = messageId, Cancel);

        var announced = await due.WaitForAsync(e => e.PlanId == plan, TimeSpan.FromSeconds(30));
        Assert.Equal(3.5m, announced.Message.UsageHours);
        // The watch's own pass over every machine finds it announced already: once, not twice.
        await using (var scope = _service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquipmentDbContext>();
            Assert.Equal(0, await MaintenanceWatch.AnnounceDueAsync(db, machineId: null, _service.Clock, Cancel));
        }

        await TestWait.UntilAsync(async () => (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/equipment/machines/{laser}", Cancel))!["usageHours"]!.GetValue<decimal>() == 3.5m, TimeSpan.FromSeconds(30));
        var held = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/equipment/qualifications?memberId={member}", Cancel);
        Assert.Equal(ended.UtcDateTime, Assert.Single(held!)!["lastUsedAt"]!.GetValue<DateTimeOffset>().UtcDateTime, TimeSpan.FromMilliseconds(1));
    }
}

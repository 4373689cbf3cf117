using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.Jobs;
using TiersLieux.Testing;

namespace TiersLieux.Equipment.Tests.Api;

/// <summary>Qualifications recognised across the network, lapsing on a fake clock, granted by training over RabbitMQ.</summary>
public sealed class QualificationTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private EquipmentService _service = null!;
    private Guid _narbonne;
    private Guid _montpellier;
    private Guid _albi;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await EquipmentService.StartAsync(infrastructure);
        _narbonne = await _service.KnownPlaceAsync("Fablab de Narbonne");
        _montpellier = await _service.KnownPlaceAsync("Fablab de Montpellier");
        _albi = await _service.KnownPlaceAsync("Fablab d'Albi");
        await _service.DefineAsync("laser-cutter", validityMonths: 24, inactivityMonths: 6);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private async Task<Guid> GrantAsync(Guid member, Guid place, string code = "laser-cutter")
    {
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(place));
        return (await _service.PostAsync(operatorClient, "/api/equipment/qualifications", new { memberId = member, code, placeId = place }))["id"]!.GetValue<Guid>();
    }

    private async Task RecogniseAsync(Guid place, string mode, params Guid[] accepted)
    {
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(place));
        var response = await operatorClient.PutAsJsonAsync($"/api/equipment/places/{place}/recognition", new { mode, acceptedPlaceIds = accepted }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static (bool Allowed, string Reason) Verdict(JsonObject check) => (check["allowed"]!.GetValue<bool>(), check["reason"]!.GetValue<string>());

    [Fact]
    public async Task A_member_trained_in_Narbonne_uses_Montpellier_laser_as_recognition_allows()
    {
        var member = Guid.NewGuid();
        var laser = await _service.MachineAsync(_montpellier, "laser-cutter");
        Assert.Equal((false, "not-qualified"), Verdict(await _service.CheckAsync(laser, member)));
        await GrantAsync(member, _narbonne);

        Assert.Equal((true, "qualified"), Verdict(await _service.CheckAsync(laser, member)));
        await RecogniseAsync(_montpellier, "none");
        Assert.Equal((false, "not-recognised"), Verdict(await _service.CheckAsync(laser, member)));
        await RecogniseAsync(_montpellier, "listed", _albi);
        Assert.Equal((false, "not-recognised"), Verdict(await _service.CheckAsync(laser, member)));
        await RecogniseAsync(_montpellier, "listed", _albi, _narbonne);
        Assert.Equal((true, "qualified"), Verdict(await _service.CheckAsync(laser, member)));

        // A machine that needs no qualification, and one out of service.
        var vinyl = await _service.MachineAsync(_montpellier, null, "Plotter de découpe vinyle");
        Assert.Equal((true, "allowed-no-qualification-required"), Verdict(await _service.CheckAsync(vinyl, Guid.NewGuid())));
        using var montpellierOperator = _service.As(_service.Tokens.PlaceOperator(_montpellier));
        Assert.Equal(HttpStatusCode.OK, (await montpellierOperator.PutAsJsonAsync($"/api/equipment/machines/{laser}/status", new { status = "out-of-service", reason = "Tube laser" }, Cancel)).StatusCode);
        var unavailable = await _service.CheckAsync(laser, member);
        Assert.Equal((false, "machine-unavailable"), Verdict(unavailable));
        Assert.Contains("out-of-service", unavailable["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_qualification_lapses_after_six_months_unused_and_after_two_years_whatever_the_use()
    {
        var (idle, busy) = (Guid.NewGuid(), Guid.NewGuid());
        var laser = await _service.MachineAsync(_narbonne, "laser-cutter");
        await GrantAsync(idle, _narbonne);
        await GrantAsync(busy, _narbonne);
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_narbonne));

        for (var period = 1; period <= 5; period++)
        {
            _service.Clock.Advance(TimeSpan.FromDays(150));
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 2, memberId = busy }, Cancel)).StatusCode);
            if (period == 2)
            {
                // Ten months on: the busy member used it every five months, the idle one never.
                var idleCheck = await _service.CheckAsync(laser, idle);
                Assert.Equal((false, "qualification-lapsed"), Verdict(idleCheck));
                Assert.Contains("unused for 6 months", idleCheck["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal((true, "qualified"), Verdict(await _service.CheckAsync(laser, busy)));
            }
        }

        // 25 months after the grant: two years have passed, use or not.
        var busyCheck = await _service.CheckAsync(laser, busy);
        Assert.Equal((false, "qualification-lapsed"), Verdict(busyCheck));
        Assert.Contains("expired", busyCheck["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lapse_is_announced_once_as_QualificationRevoked_so_booking_stops_taking_machine_bookings_on_it()
    {
        await using var revoked = await EventCollector<QualificationRevoked>.StartAsync(infrastructure.MessagingConnectionString);
        var (idle, busy) = (Guid.NewGuid(), Guid.NewGuid());
        var laser = await _service.MachineAsync(_narbonne, "laser-cutter");
        var idleQualification = await GrantAsync(idle, _narbonne);
        var busyQualification = await GrantAsync(busy, _narbonne);
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_narbonne));
        _service.Clock.Advance(TimeSpan.FromDays(150));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 1, memberId = busy }, Cancel)).StatusCode);

        // Seven months after the grant: the idle member's lapsed for disuse; the watch (hourly) tells, and so would a second pass.
        _service.Clock.Advance(TimeSpan.FromDays(60));
        var told = await revoked.WaitForAsync(e => e.QualificationId == idleQualification, TimeSpan.FromSeconds(30));
        await using (var scope = _service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquipmentDbContext>();
            Assert.Equal(0, await QualificationLapseWatch.AnnounceLapsesAsync(db, _service.Clock, Cancel));
        }

        Assert.StartsWith("lapsed: unused for 6 months", told.Message.Reason, StringComparison.Ordinal);
        Assert.Single(revoked.Received, e => e.Message.QualificationId == idleQualification);
        Assert.DoesNotContain(revoked.Received, e => e.Message.QualificationId == busyQualification);
    }

    [Fact]
    public async Task Recognition_and_machine_changes_are_announced_for_booking_in_order()
    {
        await using var recognition = await EventCollector<RecognitionChanged>.StartAsync(infrastructure.MessagingConnectionString);
        await using var updates = await EventCollector<MachineUpdated>.StartAsync(infrastructure.MessagingConnectionString);
        var laser = await _service.MachineAsync(_albi, "laser-cutter");
        using var albiOperator = _service.As(_service.Tokens.PlaceOperator(_albi));

        await RecogniseAsync(_albi, "none");
        await RecogniseAsync(_albi, "listed", _narbonne);
        var update = await albiOperator.PutAsJsonAsync($"/api/equipment/machines/{laser}", new { name = "Laser Epilog", category = "laser-cutter", hourlyCostCents = 900 }, Cancel);

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var second = await recognition.WaitForAsync(e => e.PlaceId == _albi && e.Version == 2, TimeSpan.FromSeconds(30));
        Assert.Equal(("listed", _narbonne), (second.Message.Mode, Assert.Single(second.Message.AcceptedPlaceIds)));
        Assert.Contains(recognition.Received, e => e.Message.PlaceId == _albi && e.Message is { Version: 1, Mode: "none" });
        var machine = (await updates.WaitForAsync(e => e.MachineId == laser, TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(("Laser Epilog", null, 2), (machine.Name, machine.RequiredQualification, machine.Version));
    }

    [Fact]
    public async Task Use_within_six_months_keeps_a_qualification_alive()
    {
        var member = Guid.NewGuid();
        var laser = await _service.MachineAsync(_narbonne, "laser-cutter");
        await GrantAsync(member, _narbonne);
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_narbonne));

        _service.Clock.Advance(TimeSpan.FromDays(150));
        await operatorClient.PostAsJsonAsync($"/api/equipment/machines/{laser}/usage", new { hours = 1.5, memberId = member }, Cancel);
        _service.Clock.Advance(TimeSpan.FromDays(150));

        Assert.Equal((true, "qualified"), Verdict(await _service.CheckAsync(laser, member)));
        _service.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal((false, "qualification-lapsed"), Verdict(await _service.CheckAsync(laser, member)));
    }

    [Fact]
    public async Task TrainingCompleted_over_RabbitMQ_grants_the_course_qualifications_once_and_announces_them()
    {
        await using var granted = await EventCollector<QualificationGranted>.StartAsync(infrastructure.MessagingConnectionString);
        await _service.DefineAsync("cnc-router");
        var (member, course) = (Guid.NewGuid(), Guid.NewGuid());
        var bus = _service.Factory.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        var completed = new TrainingCompleted(Guid.NewGuid(), member, course, "Sécurité découpe laser et fraiseuse", null, ["laser-cutter", "cnc-router", "unknown-code"], 7, DateTimeOffset.UtcNow);

        await bus.Publish(completed, context => context.MessageId = messageId, Cancel);
        await bus.Publish(completed, context => context.MessageId = messageId, Cancel);

        await granted.WaitForAsync(e => e.MemberId == member && e.Code == "cnc-router", TimeSpan.FromSeconds(30));
        await granted.WaitForAsync(e => e.MemberId == member && e.Code == "laser-cutter", TimeSpan.FromSeconds(30));
        var held = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/equipment/qualifications?memberId={member}", Cancel);
        Assert.Equal(["cnc-router", "laser-cutter"], held!.Select(q => q!["code"]!.GetValue<string>()));
        Assert.All(held!, q => Assert.Equal("training", q!["source"]!.GetValue<string>()));
        // A network training is recognised by a place that lists others, not by one that recognises none.
        var laser = await _service.MachineAsync(_albi, "laser-cutter");
        await RecogniseAsync(_albi, "listed", _narbonne);
        Assert.Equal((true, "qualified"), Verdict(await _service.CheckAsync(laser, member)));
        await RecogniseAsync(_albi, "none");
        Assert.Equal((false, "not-recognised"), Verdict(await _service.CheckAsync(laser, member)));
    }

    [Fact]
    public async Task Revoking_is_for_the_granting_place_and_erasure_removes_a_members_qualifications()
    {
        await using var revoked = await EventCollector<QualificationRevoked>.StartAsync(infrastructure.MessagingConnectionString);
        await using var audited = await EventCollector<TiersLieux.Contracts.Audit.SensitiveActionTaken>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var qualification = await GrantAsync(member, _narbonne);
        using var otherOperator = _service.As(_service.Tokens.PlaceOperator(_albi));
        using var grantingOperator = _service.As(_service.Tokens.PlaceOperator(_narbonne));

        await Problem.AssertAsync(await otherOperator.PostAsJsonAsync($"/api/equipment/qualifications/{qualification}/revocation", new { reason = "Pas chez nous" }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await grantingOperator.PostAsJsonAsync($"/api/equipment/qualifications/{qualification}/revocation", new { reason = "" }, Cancel), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await grantingOperator.PostAsJsonAsync($"/api/equipment/qualifications/{qualification}/revocation", new { reason = "Usage dangereux" }, Cancel)).StatusCode);
        await Problem.AssertAsync(await grantingOperator.PostAsJsonAsync($"/api/equipment/qualifications/{qualification}/revocation", new { reason = "Encore" }, Cancel), HttpStatusCode.Conflict);
        var message = await revoked.WaitForAsync(e => e.QualificationId == qualification, TimeSpan.FromSeconds(30));
        Assert.Contains("Usage dangereux", message.Message.Reason, StringComparison.Ordinal);
        // Traced to the operator who revoked it, for the granting place; the reason stays with the qualification.
        var traced = (await audited.WaitForAsync(e => e.ObjectId == qualification.ToString(), TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(("equipment", "qualification-revoked", "place-operator", member), (traced.Service, traced.Action, traced.ActorRole, traced.MemberId));
        Assert.Equal([_narbonne], traced.PlaceIds);
        Assert.DoesNotContain("Usage dangereux", traced.Outcome, StringComparison.Ordinal);

        await GrantAsync(member, _albi);
        await _service.Factory.Services.GetRequiredService<IBus>().Publish(new MemberErased(member, DateTimeOffset.UtcNow), Cancel);
        await TestWait.UntilAsync(async () => (await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/equipment/qualifications?memberId={member}", Cancel))!.Count == 0, TimeSpan.FromSeconds(30));
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>A machine that requires a qualification is booked by members holding one the place recognises, all from equipment's events.</summary>
public sealed class MachineQualificationTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;
    private Guid _elsewhere;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Booking.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("Fablab de Narbonne");
        _elsewhere = await _service.KnownPlaceAsync("Fablab de Castres");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task The_member_must_hold_the_qualification_valid_to_the_end_and_granted_where_the_place_recognises()
    {
        var (member, expiring) = (Guid.NewGuid(), Guid.NewGuid());
        var laser = await _service.MachineAsync(_place, Guid.NewGuid(), "laser-cutter");
        await _service.EntitleAsync(member, _place, "machine");
        await _service.EntitleAsync(expiring, _place, "machine");
        var start = _service.Tomorrow(10);

        Assert.Equal("not-qualified", await Booking.RuleAsync(await _service.BookAsync(laser, member, start, start.AddHours(1))));
        // Granted at another place: the place recognises every place's by default.
        await _service.QualifyAsync(member, "laser-cutter", _elsewhere);
        await Booking.IdAsync(await _service.BookAsync(laser, member, start, start.AddHours(1)));
        // A qualification lapsing before the booking ends does not do.
        await _service.QualifyAsync(expiring, "laser-cutter", _place, expiresAt: start.AddMinutes(90));
        Assert.Equal("not-qualified", await Booking.RuleAsync(await _service.BookAsync(laser, expiring, start.AddHours(1), start.AddHours(2))));
        await Booking.IdAsync(await _service.BookAsync(laser, expiring, start.AddHours(1), start.AddMinutes(90)));

        // The place now recognises only its own: the other place's qualification no longer opens its machines.
        await _service.Bus.Publish(new RecognitionChanged(_place, "none", [], 1, _service.Clock.GetUtcNow()), Cancel);
        await _service.WaitForAsync(db => db.Places.AnyAsync(p => p.Id == _place && p.RecognitionVersion == 1));
        Assert.Equal("qualification-not-recognised", await Booking.RuleAsync(await _service.BookAsync(laser, member, start.AddHours(3), start.AddHours(4))));

        // Listing the other place again (version 2); a late version 1 changes nothing.
        await _service.Bus.Publish(new RecognitionChanged(_place, "listed", [_elsewhere], 2, _service.Clock.GetUtcNow()), Cancel);
        await _service.WaitForAsync(db => db.Places.AnyAsync(p => p.Id == _place && p.RecognitionVersion == 2));
        await _service.ConsumedAsync(new RecognitionChanged(_place, "none", [], 1, _service.Clock.GetUtcNow()));
        await Booking.IdAsync(await _service.BookAsync(laser, member, start.AddHours(3), start.AddHours(4)));
    }

    [Fact]
    public async Task A_revoked_qualification_cancels_the_machine_bookings_it_covered_and_the_member_is_told()
    {
        await using var cancelled = await EventCollector<BookingCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        var member = Guid.NewGuid();
        var laser = await _service.MachineAsync(_place, Guid.NewGuid(), "laser-cutter");
        var printer = await _service.MachineAsync(_place, Guid.NewGuid(), null, "Imprimante 3D");
        await _service.EntitleAsync(member, _place, "machine");
        var qualification = await _service.QualifyAsync(member, "laser-cutter", _place);
        var start = _service.Tomorrow(10);
        var onLaser = await Booking.IdAsync(await _service.BookAsync(laser, member, start, start.AddHours(1)));
        var onPrinter = await Booking.IdAsync(await _service.BookAsync(printer, member, start, start.AddHours(1)));

        await _service.Bus.Publish(new QualificationRevoked(qualification, member, "laser-cutter", "lapsed: unused for 12 months", _service.Clock.GetUtcNow()), Cancel);

        Assert.Equal("qualification-revoked", (await cancelled.WaitForAsync(e => e.BookingId == onLaser, TimeSpan.FromSeconds(30))).Message.Reason);
        Assert.Equal("not-qualified", await Booking.RuleAsync(await _service.BookAsync(laser, member, start.AddHours(2), start.AddHours(3))));
        Assert.Equal("confirmed", (await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/bookings/{onPrinter}", Cancel))!["status"]!.GetValue<string>());
        // A grant arriving after its own revocation (out of order) does not bring it back.
        await _service.ConsumedAsync(new QualificationGranted(qualification, member, "laser-cutter", _place, null, _service.Clock.GetUtcNow()));
        var late = Guid.NewGuid();
        await _service.ConsumedAsync(new QualificationRevoked(late, member, "laser-cutter", "revoked: test", _service.Clock.GetUtcNow()));
        await _service.ConsumedAsync(new QualificationGranted(late, member, "laser-cutter", _place, null, _service.Clock.GetUtcNow()));
        Assert.Equal("not-qualified", await Booking.RuleAsync(await _service.BookAsync(laser, member, start.AddHours(2), start.AddHours(3))));
    }

    [Fact]
    public async Task A_machine_update_from_equipment_renames_it_and_changes_its_requirement_stale_versions_change_nothing()
    {
        var (machine, member) = (Guid.NewGuid(), Guid.NewGuid());
        var resource = await _service.MachineAsync(_place, machine, null, "Fraiseuse");
        await _service.EntitleAsync(member, _place, "machine");
        var start = _service.Tomorrow(10);
        await Booking.IdAsync(await _service.BookAsync(resource, member, start, start.AddHours(1)));

        await _service.Bus.Publish(new MachineUpdated(machine, _place, "Fraiseuse CNC", "cnc-router", "cnc", 2000, "available", 3, _service.Clock.GetUtcNow()), Cancel);
        await _service.WaitForAsync(db => db.Resources.AnyAsync(r => r.MachineId == machine && r.MachineVersion == 3));
        await _service.ConsumedAsync(new MachineUpdated(machine, _place, "Ancien nom", "cnc-router", null, 2000, "available", 2, _service.Clock.GetUtcNow()));
        await _service.ConsumedAsync(new MachineStatusChanged(machine, _place, "out-of-service", "stale", 2, _service.Clock.GetUtcNow()));

        Assert.Equal("not-qualified", await Booking.RuleAsync(await _service.BookAsync(resource, member, start.AddHours(2), start.AddHours(3))));
        var seen = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/booking/resources/{resource}", Cancel);
        Assert.Equal("Fraiseuse CNC", seen!["name"]!.GetValue<string>());
        Assert.Equal("cnc", seen["requiredQualification"]!.GetValue<string>());
        Assert.True(seen["available"]!.GetValue<bool>());
    }
}

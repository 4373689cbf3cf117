using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Directory;
using TiersLieux.Contracts.Equipment;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>A place's operators (membership's MemberRolesChanged) hear what they must act on at their place, and nobody else does.</summary>
public sealed class OperatorTests(InfrastructureFixture infrastructure, SharedMailServer mail) : IAsyncLifetime
{
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail.Server);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Maintenance_due_and_an_unsafe_incident_are_mailed_to_the_place_s_operators_only()
    {
        var (operatorId, operatorEmail) = await OperatorAsync(_world.Place);
        var (elsewhereId, _) = await OperatorAsync(Guid.NewGuid());
        var (memberId, _) = await _world.MemberAsync("Karim Benali");
        var machine = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await _world.Service.Bus.Publish(new MachineRegistered(machine, _world.Place, "Découpeuse laser Trotec", "laser-cutter", "laser", 1200, "available", 1, now), Cancel);
        await _world.UntilAsync(db => db.Machines.AnyAsync(m => m.Id == machine));

        await _world.Service.Bus.Publish(new MaintenanceDue(machine, _world.Place, Guid.NewGuid(), "Nettoyer l'optique", 52.5m, now), Cancel);
        await _world.Service.Bus.Publish(new MachineStatusChanged(machine, _world.Place, "in-maintenance", "planned", 2, now), Cancel);
        await _world.Service.Bus.Publish(new MachineStatusChanged(machine, _world.Place, "out-of-service", "unsafe incident: fumée au démarrage", 3, now), Cancel);

        var mails = await _world.MailsToAsync(operatorEmail, 3);
        var maintenance = Assert.Single(mails, m => m.Subject == "Maintenance à prévoir : Découpeuse laser Trotec");
        Assert.Contains($"La maintenance « Nettoyer l'optique » de la machine Découpeuse laser Trotec ({NotificationsWorld.PlaceName}) est due (compteur : 52,5 h", maintenance.TextBody,
            StringComparison.Ordinal);
        var unsafeMail = Assert.Single(mails, m => m.Subject == "Machine hors service : Découpeuse laser Trotec");
        Assert.Contains("hors service : fumée au démarrage.", unsafeMail.TextBody, StringComparison.Ordinal);
        Assert.Null(unsafeMail.Headers["List-Unsubscribe"]);

        // Once the status changes are all handled, the planned maintenance told nobody, nor anything anyone else.
        await _world.UntilAsync(db => db.Notifications.AnyAsync(n => n.MemberId == operatorId && n.Kind == "machine-unsafe"));
        var kinds = await _world.QueryAsync(db => db.Notifications.Where(n => n.MemberId == operatorId || n.MemberId == elsewhereId || n.MemberId == memberId)
            .Select(n => $"{(n.MemberId == operatorId ? "operator" : n.MemberId == elsewhereId ? "elsewhere" : "member")}:{n.Kind}").ToListAsync());
        Assert.Equal(["elsewhere:account-created", "member:account-created", "operator:account-created", "operator:machine-unsafe", "operator:maintenance-due"],
            kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_session_short_of_its_minimum_is_mailed_to_the_place_s_operators()
    {
        var (_, operatorEmail) = await OperatorAsync(_world.Place);
        // Tuesday 12 January 2027 at 09:00 UTC: 10:00 in Paris.
        var startsAt = new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero);
        await _world.Service.Bus.Publish(new SessionBelowMinimum(Guid.NewGuid(), Guid.NewGuid(), "Initiation à la découpe vinyle", _world.Place, startsAt, 1, 3,
            DateTimeOffset.UtcNow), Cancel);

        var mail = (await _world.MailsToAsync(operatorEmail, 2)).Single(m => m.Subject == "Effectif insuffisant : Initiation à la découpe vinyle, mardi 12 janvier 2027");
        Assert.Contains($"à {NotificationsWorld.PlaceName}, qui commence le mardi 12 janvier 2027 à 10:00, compte 1 inscription(s) confirmée(s) pour un minimum de 3.",
            mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_network_s_label_decision_is_mailed_to_the_place_s_operators_with_its_note()
    {
        var (_, operatorEmail) = await OperatorAsync(_world.Place);
        await _world.Service.Bus.Publish(new LabelApplicationDecided(Guid.NewGuid(), _world.Place, Guid.NewGuid(), "Fabriques de territoire 2027", 3, "labelled",
            new DateOnly(2029, 12, 1), "Bravo pour le travail avec les écoles.", DateTimeOffset.UtcNow), Cancel);
        await _world.Service.Bus.Publish(new LabelApplicationDecided(Guid.NewGuid(), _world.Place, Guid.NewGuid(), "Tiers-lieux nourriciers", 1, "rejected",
            null, null, DateTimeOffset.UtcNow), Cancel);

        var mails = await _world.MailsToAsync(operatorEmail, 3);
        var granted = Assert.Single(mails, m => m.Subject == "Label accordé : Fabriques de territoire 2027");
        Assert.Contains($"{NotificationsWorld.PlaceName} est labellisé « Fabriques de territoire 2027 » jusqu'au samedi 1er décembre 2029.", granted.TextBody, StringComparison.Ordinal);
        Assert.Contains("« Bravo pour le travail avec les écoles. »", granted.TextBody, StringComparison.Ordinal);
        var rejected = Assert.Single(mails, m => m.Subject == "Label : candidature non retenue (Tiers-lieux nourriciers)");
        Assert.DoesNotContain("Le mot du réseau", rejected.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_whose_role_is_withdrawn_hears_nothing_more_and_an_older_event_does_not_give_it_back()
    {
        var (operatorId, _) = await OperatorAsync(_world.Place);
        await PublishRolesAsync(operatorId, [], version: 10);
        await _world.UntilAsync(db => db.Recipients.AnyAsync(r => r.MemberId == operatorId && r.RolesVersion == 10));
        await PublishRolesAsync(operatorId, [_world.Place], version: 5);
        var due = Guid.NewGuid();
        await _world.Service.Bus.Publish(new MaintenanceDue(Guid.NewGuid(), _world.Place, Guid.NewGuid(), "Graisser les axes", 10m, DateTimeOffset.UtcNow),
            context => context.MessageId = due, Cancel);

        await _world.UntilAsync(db => db.Set<TiersLieux.Messaging.InboxMessage>().AnyAsync(m => m.MessageId == due));
        Assert.Empty(await _world.QueryAsync(db => db.Recipients.Where(r => r.MemberId == operatorId).Select(r => r.OperatedPlaceIds).SingleAsync()));
        Assert.False(await _world.QueryAsync(db => db.Notifications.AnyAsync(n => n.MemberId == operatorId && n.Kind == "maintenance-due")));
    }

    private async Task<(Guid Id, string Email)> OperatorAsync(Guid place)
    {
        var (id, email) = await _world.MemberAsync("Nadia Ferrand");
        await PublishRolesAsync(id, [place], version: 2);
        await _world.UntilAsync(db => db.Recipients.AnyAsync(r => r.MemberId == id && r.OperatedPlaceIds.Contains(place)));
        return (id, email);
    }

    private Task PublishRolesAsync(Guid member, Guid[] places, int version) =>
        _world.Service.Bus.Publish(new MemberRolesChanged(member, places.Length > 0 ? ["member", "place-operator"] : ["member"], places, version, DateTimeOffset.UtcNow), Cancel);
}

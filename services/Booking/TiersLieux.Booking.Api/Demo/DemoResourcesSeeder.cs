using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Booking.Api.Demo;

/// <summary>
/// IN'ESS's bookable desks, open space and meeting room, so a demo member has something to book (its machines come
/// from equipment's demo). Fixed ids: the three replicas seed the same rows, and only one insert wins.
/// </summary>
internal sealed class DemoResourcesSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoResourcesSeeder> logger)
    : DemoSeeder(scopes, clock, logger)
{
    private static readonly (Guid Id, string Name, ResourceKind Kind, int Seats, ResourceRules Rules)[] Resources =
    [
        (new("0193a9d0-0000-7000-8000-00000000d001"), "Poste fixe Fenêtre", ResourceKind.Desk, 1, new ResourceRules(SlotMinutes: 60, MinMinutes: 60, MaxMinutes: 600)),
        (new("0193a9d0-0000-7000-8000-00000000d002"), "Poste fixe Jardin", ResourceKind.Desk, 1, new ResourceRules(SlotMinutes: 60, MinMinutes: 60, MaxMinutes: 600)),
        (new("0193a9d0-0000-7000-8000-00000000d003"), "Espace partagé", ResourceKind.OpenSpace, 12, new ResourceRules(SlotMinutes: 60, MinMinutes: 60, MaxMinutes: 600)),
        (new("0193a9d0-0000-7000-8000-00000000d004"), "Salle Canal du Midi", ResourceKind.MeetingRoom, 1,
            new ResourceRules(SlotMinutes: 30, MinMinutes: 30, MaxMinutes: 240, MinNoticeMinutes: 120)),
    ];

    protected override async Task<bool> TrySeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BookingDbContext>();
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Name == DemoPlace, cancellationToken);
        if (place is null)
        {
            return false;
        }

        var ids = Resources.Select(r => r.Id).ToList();
        if (await db.Resources.AnyAsync(r => ids.Contains(r.Id), cancellationToken))
        {
            return true;
        }

        foreach (var (id, name, kind, seats, rules) in Resources)
        {
            var (resource, errors) = Resource.Create(place.Id, name, kind, seats, rules, id: id);
            db.Resources.Add(resource ?? throw new InvalidOperationException($"Demo resource {name} is invalid: {errors}"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

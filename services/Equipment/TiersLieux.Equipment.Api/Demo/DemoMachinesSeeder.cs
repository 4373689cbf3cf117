using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.Demo;

/// <summary>
/// IN'ESS's fablab: a laser cutter that asks the laser qualification and a 3D printer that asks none, announced with
/// MachineRegistered so booking makes them bookable, as a real registration would.
/// </summary>
internal sealed class DemoMachinesSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoMachinesSeeder> logger)
    : DemoSeeder(scopes, clock, logger)
{
    public const string LaserQualification = "laser-cutter";

    protected override async Task<bool> TrySeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EquipmentDbContext>();
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Name == DemoPlace, cancellationToken);
        if (place is null)
        {
            return false;
        }

        if (await db.Machines.AnyAsync(m => m.PlaceId == place.Id, cancellationToken))
        {
            return true;
        }

        if (!await db.QualificationTypes.AnyAsync(t => t.Code == LaserQualification, cancellationToken))
        {
            var (type, errors) = QualificationType.Define(LaserQualification, "Découpe laser", 24, 12);
            db.QualificationTypes.Add(type ?? throw new InvalidOperationException($"Demo qualification is invalid: {errors}"));
        }

        var now = Clock.GetUtcNow();
        foreach (var details in new[]
        {
            new MachineDetails("Découpeuse laser Trotec", MachineCategory.LaserCutter, "Trotec", "Speedy 100", "Bois, carton, acrylique jusqu'à 6 mm.",
                LaserQualification, "Ne jamais laisser la découpe sans surveillance.", 1500),
            new MachineDetails("Imprimante 3D Prusa", MachineCategory.ThreeDPrinter, "Prusa", "MK4", "PLA et PETG.", null, null, 300),
        })
        {
            var (machine, errors) = Machine.Register(place.Id, details, now);
            db.Machines.Add(machine ?? throw new InvalidOperationException($"Demo machine {details.Name} is invalid: {errors}"));
            db.AddIntegrationEvent(EquipmentEvents.Registered(machine), Clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

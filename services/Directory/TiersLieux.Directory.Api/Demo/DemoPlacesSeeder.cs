using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.IntegrationEvents;
using TiersLieux.Messaging;

namespace TiersLieux.Directory.Api.Demo;

/// <summary>
/// Demo data (only when <c>Demo:Seed</c> is true, which the AppHost sets in Development): IN'ESS, the Grand Narbonne's
/// tiers-lieu, and a generated sample of the rest of the labelled network (<see cref="SampleNetwork"/>, marked as
/// sample data), registered like any place so PlaceRegistered reaches the other services. Runs once: a place named
/// IN'ESS already there means the demo is seeded.
/// </summary>
internal sealed class DemoPlacesSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoPlacesSeeder> logger) : IHostedService
{
    public const string InessName = "IN'ESS";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        if (await db.Places.AnyAsync(place => place.Name == InessName, cancellationToken))
        {
            return;
        }

        var iness = new PlaceDetails(InessName, PlaceTypology.Coworking, "1 rue de l'Hôtel de Ville", "Narbonne", "11100", "11",
            43.1839, 3.0042, new Uri("https://www.legrandnarbonne.com"), "iness@legrandnarbonne.example",
            Description: "Le tiers-lieu du Grand Narbonne : coworking, fablab, espace de réunion et de restauration, centre de formation.",
            Services: ["open-space", "meeting-rooms", "fablab-machines", "catering", "training", "event-space"],
            OpeningHours: "Mo-Fr 08:30-18:30", WheelchairAccessible: true, OperatorName: "Le Grand Narbonne");
        var now = clock.GetUtcNow();
        var index = 0;
        foreach (var details in (PlaceDetails[])[iness, .. SampleNetwork.Network()])
        {
            var (place, errors) = Place.Register(details, now);
            if (place is null)
            {
                throw new InvalidOperationException($"Demo place {details.Name} breaks the directory's rules: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
            }

            var (edition, until) = SampleNetwork.Label(index++);
            place.GrantLabel(edition, until, now);
            db.Places.Add(place);
            db.AddIntegrationEvent(DirectoryEvents.Registered(place), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: registered {Place} and {Count} sample places of the network.", InessName, index - 1);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

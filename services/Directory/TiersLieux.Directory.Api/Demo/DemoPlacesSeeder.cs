using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Directory.Api.IntegrationEvents;
using TiersLieux.ServiceDefaults.Messaging;

namespace TiersLieux.Directory.Api.Demo;

/// <summary>
/// Demo data (only when <c>Demo:Seed</c> is true, which the AppHost sets in Development): IN'ESS, the Grand Narbonne's
/// tiers-lieu, registered like any place (so PlaceRegistered reaches the other services). Runs once: a place of that
/// name already there means the demo is seeded.
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

        var details = new PlaceDetails(InessName, PlaceTypology.Hybrid, "1 rue de l'Hôtel de Ville", "Narbonne", "11100", "11",
            43.1839, 3.0042, new Uri("https://www.legrandnarbonne.com"), "iness@legrandnarbonne.example");
        var (place, errors) = Place.Register(details, clock.GetUtcNow());
        if (place is null)
        {
            throw new InvalidOperationException("The demo place breaks the directory's rules: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)));
        }

        db.Places.Add(place);
        db.AddIntegrationEvent(PlaceEvents.Registered(place), clock);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: registered {Place} ({PlaceId}).", InessName, place.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

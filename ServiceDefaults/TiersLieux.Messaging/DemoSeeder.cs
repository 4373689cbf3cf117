using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TiersLieux.Messaging;

/// <summary>
/// Demo data of one service (Development only, "Demo:Seed"): waits for what it hangs on (a place the directory
/// announced) and seeds once, through the domain and the outbox like real data. A replica seeding at the same moment
/// or a database restarting only makes it look again a second later.
/// </summary>
public abstract class DemoSeeder(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The demo network's place the demo data belongs to (the directory's demo seeds it).</summary>
    public const string DemoPlace = "IN'ESS";

    protected TimeProvider Clock => clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await TrySeedAsync(scope.ServiceProvider, stoppingToken))
                {
                    return;
                }
            }
            catch (Exception error) when (error is DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(error, "Demo data not seeded yet; trying again.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
        }
    }

    /// <summary>Seeds, or finds it done; false while what the data hangs on has not arrived yet.</summary>
    protected abstract Task<bool> TrySeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}

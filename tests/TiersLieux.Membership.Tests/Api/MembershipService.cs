using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersLieux.Contracts.Directory;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;

namespace TiersLieux.Membership.Tests.Api;

/// <summary>Membership on its own fresh database and the shared broker, with a clock the test moves.</summary>
public sealed class MembershipService : IAsyncDisposable
{
    private MembershipService(ServiceFactory<Program> factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
        Client = factory.CreateClient();
    }

    public ServiceFactory<Program> Factory { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    /// <summary>Its database's connection string: a second instance on it is "the same service, restarted".</summary>
    public string Database { get; private init; } = "";

    public static async Task<MembershipService> StartAsync(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null, string? database = null)
    {
        database ??= await infrastructure.CreateDatabaseAsync("membership");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var configuration = new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.MembershipDb}"] = database,
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            // Its own queues: test classes share one broker and must not take each other's messages.
            ["Messaging:EndpointPrefix"] = $"t{Guid.NewGuid():N}"[..9],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        var factory = new ServiceFactory<Program>(configuration, services => services.AddSingleton<TimeProvider>(clock));
        var service = new MembershipService(factory, clock) { Database = database };
        await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return service;
    }

    /// <summary>A directory place, made known to membership the way it really is: PlaceRegistered over the bus.</summary>
    public async Task<Guid> KnownPlaceAsync(string name = "IN'ESS")
    {
        var id = Guid.CreateVersion7();
        await Factory.Services.GetRequiredService<IBus>().Publish(
            new PlaceRegistered(id, name, "hybrid", "Narbonne", "11100", "11", 43.18, 3.0, 1, Clock.GetUtcNow()));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Places.AnyAsync(p => p.Id == id))
            {
                return id;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Membership did not learn place {id} from PlaceRegistered within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

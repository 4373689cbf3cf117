using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TiersLieux.Contracts.Directory;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing.Security;
using Xunit;
using TiersLieux.Topology;

namespace TiersLieux.Testing;

/// <summary>
/// A service under test on its own fresh database and its own queues on the shared broker, with a clock the test
/// moves (starting at the real now: JwtBearer checks tokens against the real clock) and real tokens from the
/// <see cref="TestTokenIssuer"/>: <see cref="Admin"/> is the network team, <see cref="As"/> anyone else.
/// </summary>
public sealed class TestService<TProgram> : IAsyncDisposable where TProgram : class
{
    private TestService(ServiceFactory<TProgram> factory, FakeTimeProvider clock, TestTokenIssuer tokens)
    {
        Factory = factory;
        Clock = clock;
        Tokens = tokens;
        Admin = factory.CreateClient().WithBearer(tokens.Token("network-console", ["network-admin"], lifetime: TimeSpan.FromHours(2)));
    }

    public ServiceFactory<TProgram> Factory { get; }

    public FakeTimeProvider Clock { get; }

    public TestTokenIssuer Tokens { get; }

    public HttpClient Admin { get; }

    /// <param name="database">The service's connection name (ConnectionStrings:&lt;database&gt;).</param>
    /// <param name="settings">More configuration, as the AppHost would give it (another server's connection string).</param>
    public static async Task<TestService<TProgram>> StartAsync(InfrastructureFixture infrastructure, string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var tokens = await TestTokenIssuer.SharedAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new Dictionary<string, string>(tokens.ServiceSettings)
        {
            [$"ConnectionStrings:{database}"] = await infrastructure.CreateDatabaseAsync(database),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            // Its own queues: the assembly's other hosts share the broker.
            ["Messaging:EndpointPrefix"] = $"q{Guid.NewGuid():N}"[..9],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        var factory = new ServiceFactory<TProgram>(configuration, services => services.AddSingleton<TimeProvider>(clock));
        var service = new TestService<TProgram>(factory, clock, tokens);
        await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return service;
    }

    public HttpClient As(string token) => Factory.CreateClient().WithBearer(token);

    public IBus Bus => Factory.Services.GetRequiredService<IBus>();

    /// <summary>Publishes PlaceRegistered, as the directory does, and waits until <paramref name="known"/> says the service has it.</summary>
    public async Task<Guid> KnownPlaceAsync(string name, Func<IServiceProvider, Guid, Task<bool>> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var id = Guid.CreateVersion7();
        await Bus.Publish(new PlaceRegistered(id, name, "fablab", "Narbonne", "11100", "11", 43.18, 3.0, 1, DateTimeOffset.UtcNow));
        await TestWait.UntilAsync(async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await known(scope.ServiceProvider, id);
        }, TimeSpan.FromSeconds(30));
        return id;
    }

    public static async Task<JsonNode> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}

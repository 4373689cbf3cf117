using System.Collections.Concurrent;
using MassTransit;

namespace TiersLieux.Testing;

/// <summary>
/// A bus of the test's own, with a queue bound to <typeparamref name="TEvent"/>: proves an event really crossed
/// RabbitMQ, as another service would receive it.
/// </summary>
public sealed class EventCollector<TEvent> : IAsyncDisposable where TEvent : class
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<ConsumeContext<TEvent>> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private EventCollector(IBusControl bus) => _bus = bus;

    public IReadOnlyCollection<ConsumeContext<TEvent>> Received => _received;

    /// <param name="durable">Keep the queue across a broker restart (for tests that stop the broker).</param>
    public static async Task<EventCollector<TEvent>> StartAsync(string amqpConnectionString, bool durable = false)
    {
        EventCollector<TEvent>? collector = null;
        var uri = new Uri(amqpConnectionString);
        var user = uri.UserInfo.Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(uri.Host, (ushort)uri.Port, "/", host =>
            {
                host.Username(user[0]);
                host.Password(user[1]);
            });
            rabbit.ReceiveEndpoint($"test-{typeof(TEvent).Name}-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = !durable;
                endpoint.Durable = durable;
                endpoint.Handler<TEvent>(context =>
                {
                    collector!._received.Enqueue(context);
                    collector._arrived.Release();
                    return Task.CompletedTask;
                });
            });
        });
        collector = new EventCollector<TEvent>(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return collector;
    }

    /// <summary>The first received event that matches, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<ConsumeContext<TEvent>> WaitForAsync(Func<TEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(context => match(context.Message)) is { } found)
            {
                return found;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching {typeof(TEvent).Name} within {timeout.TotalSeconds} s ({_received.Count} others received).");
            }

            await _arrived.WaitAsync(left);
        }
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}

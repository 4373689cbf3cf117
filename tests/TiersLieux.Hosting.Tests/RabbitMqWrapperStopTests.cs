using RabbitMQ.Client;
using TiersLieux.Hosting.Processes;
using TiersLieux.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// The RabbitMQ wrapper's stop, with an AMQP client that keeps its connection open (a service still stopping). While
/// the AppHost runs, the stop is its ordered one: the broker waits for its clients to close, so that the services
/// stop before it. Once the AppHost has died the stop is DCP's clean-up, which kills the whole process tree about 6 s
/// later: the broker must stop at once, and cleanly. The wait for clients is set to ten minutes here, so only the
/// decision can end the stop in time.
/// </summary>
public sealed class RabbitMqWrapperStopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ClientWait = TimeSpan.FromMinutes(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_the_AppHost_gone_a_stop_closes_the_clients_connections_at_once_and_stops_cleanly()
    {
        var log = new LogBuffer();
        await using var broker = await StartAsync(GoneProcess.Id(), log);
        await using var held = await OpenAsync(broker);

        Signals.Send(broker.Node.Pid!.Value, Signals.SigTerm);

        Assert.Equal(0, await broker.Node.Exited!.WaitAsync(Bound, Cancel));
        Assert.True(Logged(log, "stopping the broker at once"));
        await TestWait.UntilAsync(() => Task.FromResult(!held.IsOpen), Bound);
    }

    [Fact]
    public async Task While_the_AppHost_runs_a_stop_waits_for_the_clients_then_stops_cleanly()
    {
        var log = new LogBuffer();
        await using var broker = await StartAsync(Environment.ProcessId, log);
        await using var held = await OpenAsync(broker);

        Signals.Send(broker.Node.Pid!.Value, Signals.SigTerm);

        // The wrapper says it waits for the open connection…
        await TestWait.UntilAsync(() => Task.FromResult(Logged(log, $"waiting up to {(int)ClientWait.TotalSeconds} s")), Bound);
        // …and the broker still serves it meanwhile.
        await using (var channel = await held.CreateChannelAsync(cancellationToken: Cancel))
        {
            var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancel);
            Assert.Equal(0u, queue.MessageCount);
        }

        Assert.False(broker.Node.Exited!.IsCompleted);

        await held.CloseAsync(Cancel);
        Assert.Equal(0, await broker.Node.Exited.WaitAsync(Bound, Cancel));
    }

    private static async Task<WrappedBroker> StartAsync(int appHostPid, LogBuffer log)
    {
        var root = Path.Combine(Path.GetTempPath(), "tierslieux-hosting-tests", Guid.NewGuid().ToString("N")[..12]);
        var (node, _) = await Servers.StartAsync(
            () => Servers.RabbitMqOptions(Path.Combine(root, "rabbitmq"), $"stop-{Path.GetFileName(root)}@localhost", management: false) with
            {
                ClientWait = ClientWait,
                AppHostPid = appHostPid,
            },
            options => RabbitMqNode.StartAsync(options, log, Cancel), log);
        return new WrappedBroker(node, root);
    }

    private static async Task<IConnection> OpenAsync(WrappedBroker broker) =>
        await new ConnectionFactory { Uri = new Uri(broker.Node.ConnectionString), AutomaticRecoveryEnabled = false }.CreateConnectionAsync(Cancel);

    private static bool Logged(LogBuffer log, string text) => log.Read().Any(line => line.Text.Contains(text, StringComparison.Ordinal));

    private sealed class WrappedBroker(RabbitMqNode node, string root) : IAsyncDisposable
    {
        public RabbitMqNode Node { get; } = node;

        public async ValueTask DisposeAsync()
        {
            await Node.StopAsync(graceful: false);
            await Node.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using TiersLieux.Messaging.Database;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Messaging;

/// <summary>
/// Publishes committed outbox rows through MassTransit with publisher confirms, oldest first, and marks them sent.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so replicas of a service share the work without two of
/// them publishing the same row at once. While the broker is down it backs off and tries again, forever.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly ActivitySource Source = new(TelemetryNames.ActivitySource);
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>
    /// The message types whose send endpoint a confirmed publish has readied since the last failure: a run of one of
    /// them is pipelined from its first row. Forgotten on any failure, since a reconnection makes new endpoints.
    /// </summary>
    private readonly HashSet<string> _readyTypes = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await DispatchBatchAsync(stoppingToken);
                failures = 0;
                await MeasureBacklogAsync(stoppingToken);
                await PruneIfDueAsync(stoppingToken);
                if (published < _options.BatchSize)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                failures++;
                MessagingMetrics.OutboxPublishFailures.Add(1);
                await MeasureBacklogAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                var delay = Backoff(failures);
                LogDispatchFailed(error, failures, delay.TotalSeconds);
                // Real time, not the TimeProvider: backoff is about the broker, not business time (tests fake the latter).
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = TimeSpan.FromMilliseconds(200 * Math.Pow(2, Math.Min(failures, 10)));
        return exponential < _options.MaxBackoff ? exponential : _options.MaxBackoff;
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        using var quiet = QuietPoll();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Identifiers come from the EF model, never from input; the batch size is an int.
        var claimUnsent = $"SELECT * FROM {db.TableName<OutboxMessage>()} WHERE \"SentAt\" IS NULL ORDER BY \"Sequence\" LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED";
        var (sent, failed) = await db.InTransactionAsync(async ct =>
        {
            var batch = await db.Set<OutboxMessage>()
                .FromSqlRaw(claimUnsent)
                .ToListAsync(ct);
            var (confirmed, failure) = await PublishInOrderAsync(batch, ct);
            var now = clock.GetUtcNow();
            var published = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                if (confirmed[i])
                {
                    batch[i].MarkSent(now);
                    published++;
                }
            }

            MessagingMetrics.OutboxPublished.Add(published);
            if (failure is not null)
            {
                // Keep what the broker confirmed marked as such; the failed row stays first in line for the next attempt.
                batch[Array.IndexOf(confirmed, false)].RecordFailure(failure.SourceException);
            }

            return (published, failure);
        }, cancellationToken);
        // After the commit: what was confirmed stays marked sent, and the loop backs off.
        failed?.Throw();
        return sent;
    }

    /// <summary>
    /// Publishes the batch in <see cref="OutboxMessage.Sequence"/> order with the confirms pipelined, and says which
    /// rows the broker confirmed. Publishes of one message type, started one after the other on a ready send
    /// endpoint, reach the broker in that order; publishes of different types started together do not (each type
    /// has its own send endpoint: PipeTests' order test fails if runs overlap). So a run of one type is pipelined
    /// once its first row went alone (which readies the endpoint), or from its first row when an earlier batch has
    /// readied it (a steady flow of one type then waits for one confirm per batch, not two), and every confirm of a
    /// run is awaited before the next run starts. A failure stops the batch. Rows started after the failed one may
    /// still be confirmed (they are marked sent), so across a failure a later event can reach consumers before an
    /// earlier one is published again, as with any re-send: consumers order by version and drop duplicates in their
    /// inbox.
    /// </summary>
    private async Task<(bool[] Confirmed, ExceptionDispatchInfo? Failure)> PublishInOrderAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var confirmed = new bool[batch.Count];
        var start = 0;
        while (start < batch.Count)
        {
            var end = start + 1;
            while (end < batch.Count && batch[end].MessageType == batch[start].MessageType)
            {
                end++;
            }

            var type = batch[start].MessageType;
            var ready = _readyTypes.Contains(type);
            var inFlight = new Task[end - start];
            for (var next = start; next < (ready ? end : start + 1); next++)
            {
                inFlight[next - start] = PublishAsync(batch[next], cancellationToken);
            }

            ExceptionDispatchInfo? failure = null;
            for (var i = start; i < end; i++)
            {
                try
                {
                    await inFlight[i - start];
                    confirmed[i] = true;
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure ??= ExceptionDispatchInfo.Capture(error);
                }

                if (i == start && !ready && failure is null)
                {
                    _readyTypes.Add(type);
                    for (var next = start + 1; next < end; next++)
                    {
                        inFlight[next - start] = PublishAsync(batch[next], cancellationToken);
                    }
                }
                else if (i == start && !ready)
                {
                    _readyTypes.Clear();
                    return (confirmed, failure);
                }
            }

            if (failure is not null)
            {
                _readyTypes.Clear();
                return (confirmed, failure);
            }

            start = end;
        }

        return (confirmed, null);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var (payload, type) = message.Deserialize();
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var traced = SuppressInstrumentationScope.Begin(false);
        using var activity = Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("messaging.message.type", type.Name);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(payload, type, context => context.MessageId = message.MessageId, timeout.Token);
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPrune < _options.PruneInterval)
        {
            return;
        }

        _lastPrune = now;
        var pruned = await PruneAsync(now, cancellationToken);
        if (pruned > 0)
        {
            LogPruned(pruned);
        }
    }

    private async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var quiet = QuietPoll();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - _options.SentRetention;
        var pruned = await db.Set<OutboxMessage>().Where(message => message.SentAt != null && message.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (db.Model.FindEntityType(typeof(InboxMessage)) is not null)
        {
            var inboxCutoff = now - _options.InboxRetention;
            pruned += await db.Set<InboxMessage>().Where(message => message.ProcessedAt < inboxCutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return pruned;
    }

    private async Task MeasureBacklogAsync(CancellationToken cancellationToken)
    {
        using var quiet = QuietPoll();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var unsent = db.Set<OutboxMessage>().Where(message => message.SentAt == null);
        var count = await unsent.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTimeOffset?)null : await unsent.MinAsync(message => (DateTimeOffset?)message.CreatedAt, cancellationToken);
        MessagingMetrics.RecordBacklog(count, oldest is { } created ? clock.GetUtcNow() - created : TimeSpan.Zero);
    }

    /// <summary>
    /// The polls (claim, mark sent, backlog, prune) run every few seconds in every replica: traced, each would be a
    /// root trace of database spans that drowns the requests ops look for. Only the publish is traced, inside the
    /// trace of the request that wrote the event (<see cref="PublishAsync"/> lifts this). Logs written under it are
    /// dropped too, so nothing is logged inside.
    /// </summary>
    private static IDisposable QuietPoll() => SuppressInstrumentationScope.Begin();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Failures} in a row); next attempt in {DelaySeconds:0.0} s")]
    private partial void LogDispatchFailed(Exception error, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} sent outbox or old inbox row(s)")]
    private partial void LogPruned(int count);
}

using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TiersLieux.Contracts.Directory;
using TiersLieux.Testing;
using TiersLieux.Testing.Messaging;

namespace TiersLieux.Messaging.Tests;

public sealed class LabFixture : IAsyncLifetime
{
    public MessagingLab Lab { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Lab = await MessagingLab.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}

/// <summary>The pipe working normally: duplicates absorbed, one trace from the HTTP request to the consumer.</summary>
[Collection(nameof(FaultTests))]
public sealed class PipeTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private MessagingLab Lab => fixture.Lab;

    [Fact]
    public async Task The_same_message_delivered_twice_is_applied_once()
    {
        var place = new PlaceRegistered(Guid.CreateVersion7(), $"Duplicate {Guid.NewGuid():N}"[..20], "fablab", "Albi", "81000", "81", 43.93, 2.15, 1, DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        // The consumer's own bus publishes, as a re-sending outbox would: twice, with one message id.
        var bus = Lab.Consumer.Services.GetRequiredService<IBus>();
        var before = await Lab.EffectCountAsync();
        using var metrics = new MetricsRecorder();

        await bus.Publish(place, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(place, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        var effects = await Lab.WaitForEffectsAsync(before + 1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, Assert.Single(effects, e => e.PlaceId == place.PlaceId).Applications);
        Assert.Equal(1L, await InboxRowsAsync(messageId));
        await TestWait.UntilAsync(() => metrics.Total("tierslieux.inbox.duplicates") >= 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Trace_context_flows_from_the_http_request_through_the_outbox_to_the_consumer()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var before = await Lab.EffectCountAsync();

        var id = await MessagingLab.RegisterPlaceAsync($"Traced {Guid.NewGuid():N}"[..20], Lab.PublisherUrl(), $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var effects = await Lab.WaitForEffectsAsync(before + 1, TimeSpan.FromSeconds(30));
        var stored = await ScalarAsync(Lab.PublisherConnectionString, "SELECT \"TraceParent\" FROM directory.\"OutboxMessages\" ORDER BY \"Sequence\" DESC LIMIT 1");
        Assert.Contains(traceId, stored, StringComparison.Ordinal);
        Assert.Equal(traceId, Assert.Single(effects, e => e.PlaceId == id).TraceId);
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<long> InboxRowsAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(Lab.ConsumerConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM effects.\"InboxMessages\" WHERE \"MessageId\" = @id", connection);
        command.Parameters.AddWithValue("id", messageId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

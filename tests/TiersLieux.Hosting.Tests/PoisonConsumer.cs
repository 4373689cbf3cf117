using System.Collections.Concurrent;
using MassTransit;

namespace TiersLieux.Hosting.Tests;

/// <summary>A consumer whose first version fails on every message, and whose fixed version applies each message once.</summary>
internal sealed class PoisonConsumer : IConsumer<PoisonMessageSent>
{
    private readonly ConcurrentDictionary<Guid, int> _applied = new();

    public volatile bool Fixed;

    public int Applied(Guid id) => _applied.GetValueOrDefault(id);

    public Task Consume(ConsumeContext<PoisonMessageSent> context)
    {
        if (!Fixed)
        {
            throw new InvalidOperationException("version 1 cannot handle this message");
        }

        _applied.AddOrUpdate(context.Message.Id, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}

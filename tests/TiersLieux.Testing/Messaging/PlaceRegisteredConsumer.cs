using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TiersLieux.Contracts.Directory;
using TiersLieux.Messaging;

namespace TiersLieux.Testing.Messaging;

/// <summary>
/// A consumer written the way every service writes one: derive from IdempotentConsumer, apply the effect.
/// Places named "POISON…" fail every time (a bug-like failure); "INVALID…" are refused as unprocessable.
/// </summary>
public sealed class PlaceRegisteredConsumer(PlaceEffectsDbContext db, ILogger<PlaceRegisteredConsumer> logger)
    : IdempotentConsumer<PlaceRegistered, PlaceEffectsDbContext>(db, logger)
{
    /// <summary>Every attempt at every place, to count retries (process-wide: tests use distinct names).</summary>
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();

    protected override async Task HandleAsync(ConsumeContext<PlaceRegistered> context, CancellationToken cancellationToken)
    {
        var place = context.Message;
        Attempts.AddOrUpdate(place.Name, 1, (_, count) => count + 1);
        if (place.Name.StartsWith("POISON", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot apply {place.Name}: the consumer has a bug.");
        }

        if (place.Name.StartsWith("INVALID", StringComparison.Ordinal))
        {
            throw new InvalidMessageException($"{place.Name} can never be applied.");
        }

        var effect = await Db.Effects.FirstOrDefaultAsync(e => e.PlaceId == place.PlaceId, cancellationToken);
        if (effect is null)
        {
            Db.Effects.Add(new PlaceEffect
            {
                PlaceId = place.PlaceId,
                Name = place.Name,
                Applications = 1,
                PlaceUpdatedAt = place.OccurredAt,
                AppliedAt = DateTimeOffset.UtcNow,
                TraceId = Activity.Current?.TraceId.ToHexString(),
            });
        }
        else
        {
            // Only reachable if the inbox let a duplicate through: the tests assert it never happens.
            effect.Applications++;
        }
    }
}

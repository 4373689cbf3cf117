using MassTransit;
using TiersLieux.Contracts.Training;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Directory.Api.IntegrationEvents;

/// <summary>A learner who completed a course, and its hours, where it was given.</summary>
public sealed class TrainingCompletedIndicator(DirectoryDbContext db, ILogger<TrainingCompletedIndicator> logger)
    : IdempotentConsumer<TrainingCompleted, DirectoryDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TrainingCompleted> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        return Usage.AddAsync(Db, new UsageTally
        {
            SourceId = m.EnrolmentId,
            Kind = UsageKind.Training,
            PlaceId = m.PlaceId,
            MemberId = m.MemberId,
            Hours = m.Hours,
            At = m.CompletedAt.ToUniversalTime(),
        }, cancellationToken);
    }
}

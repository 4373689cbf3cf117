using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Training;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.IntegrationEvents;

/// <summary>A completed course that confers qualifications grants them (once per enrolment, whatever redeliveries).</summary>
public sealed class TrainingCompletedConsumer(EquipmentDbContext db, ILogger<TrainingCompletedConsumer> logger)
    : IdempotentConsumer<TrainingCompleted, EquipmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TrainingCompleted> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        foreach (var code in message.QualificationCodes.Distinct())
        {
            var type = await Db.QualificationTypes.FirstOrDefaultAsync(t => t.Code == code, cancellationToken);
            if (type is null)
            {
                // A course may confer a code the network has not defined here yet: nothing to grant, say so.
                Logger.LogWarning("Training {CourseId} confers unknown qualification {Code}: not granted to {MemberId}.", message.CourseId, code, message.MemberId);
                continue;
            }

            var qualification = Qualification.Grant(message.MemberId, type, message.PlaceId, QualificationSource.Training,
                $"training:{message.CourseId}", message.CompletedAt.ToUniversalTime());
            Db.Qualifications.Add(qualification);
            Db.AddIntegrationEvent(EquipmentEvents.Granted(qualification));
        }
    }
}

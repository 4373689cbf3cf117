using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Membership;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.IntegrationEvents;

/// <summary>GDPR: a member's qualifications go; incidents they reported stay, no longer saying by whom.</summary>
public sealed class MemberErasedConsumer(EquipmentDbContext db, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, EquipmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var member = context.Message.MemberId;
        await Db.Qualifications.Where(q => q.MemberId == member).ExecuteDeleteAsync(cancellationToken);
        var subject = member.ToString();
        await Db.Incidents.Where(i => i.ReportedBy == subject).ExecuteUpdateAsync(set => set.SetProperty(i => i.ReportedBy, "erased"), cancellationToken);
    }
}

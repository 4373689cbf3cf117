using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Membership;
using TiersLieux.Messaging;
using TiersLieux.Training.Api.Domain;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Api.IntegrationEvents;

/// <summary>Training's copy of members: a name for certificates, consented data for cohort figures (highest version wins).</summary>
public sealed class MemberRegisteredConsumer(TrainingDbContext db, ILogger<MemberRegisteredConsumer> logger)
    : IdempotentConsumer<MemberRegistered, TrainingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberRegistered> context, CancellationToken cancellationToken) =>
        Learners.ApplyAsync(Db, context.Message.MemberId, context.Message.DisplayName, context.Message.Profile, context.Message.Version, cancellationToken);
}

public sealed class MemberUpdatedConsumer(TrainingDbContext db, ILogger<MemberUpdatedConsumer> logger)
    : IdempotentConsumer<MemberUpdated, TrainingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<MemberUpdated> context, CancellationToken cancellationToken) =>
        Learners.ApplyAsync(Db, context.Message.MemberId, context.Message.DisplayName, context.Message.Profile, context.Message.Version, cancellationToken);
}

/// <summary>GDPR: the learner's name and data go; their enrolments stay, anonymous, for the cohorts' figures.</summary>
public sealed class MemberErasedConsumer(TrainingDbContext db, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, TrainingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context, CancellationToken cancellationToken)
    {
        var learner = await Db.Learners.FirstOrDefaultAsync(l => l.MemberId == context.Message.MemberId, cancellationToken);
        if (learner is null)
        {
            learner = new Learner { MemberId = context.Message.MemberId };
            Db.Learners.Add(learner);
        }

        learner.DisplayName = "Erased member";
        learner.Consented = false;
        learner.Gender = learner.EmploymentStatus = null;
        learner.PriorityNeighbourhoodResident = learner.DisabilityRecognised = null;
        // Nothing will resurrect it: later member events carry lower versions than this.
        learner.Version = int.MaxValue;
    }
}

internal static class Learners
{
    public static async Task ApplyAsync(TrainingDbContext db, Guid memberId, string name, ConsentedProfile? profile, int version, CancellationToken cancellationToken)
    {
        var learner = await db.Learners.FirstOrDefaultAsync(l => l.MemberId == memberId, cancellationToken);
        if (learner is null)
        {
            learner = new Learner { MemberId = memberId };
            db.Learners.Add(learner);
        }

        if (version <= learner.Version)
        {
            return;
        }

        learner.Version = version;
        learner.DisplayName = name;
        learner.Consented = profile is not null;
        learner.Gender = profile?.Gender;
        learner.EmploymentStatus = profile?.EmploymentStatus;
        learner.PriorityNeighbourhoodResident = profile?.PriorityNeighbourhoodResident;
        learner.DisabilityRecognised = profile?.DisabilityRecognised;
    }
}

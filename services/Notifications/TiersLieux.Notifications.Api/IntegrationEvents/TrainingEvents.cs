using MassTransit;
using Microsoft.Extensions.Options;
using TiersLieux.Contracts.Training;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Notifications.Api.Infrastructure.Mail;

namespace TiersLieux.Notifications.Api.IntegrationEvents;

/// <summary>Keeps the course's title, for the enrolment messages that name it.</summary>
public sealed class SessionScheduledConsumer(NotificationsDbContext db, ILogger<SessionScheduledConsumer> logger)
    : IdempotentConsumer<SessionScheduled, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SessionScheduled> context, CancellationToken cancellationToken)
    {
        var course = await Db.Courses.FindAsync([context.Message.CourseId], cancellationToken);
        if (course is null)
        {
            Db.Courses.Add(new NotificationCourse { Id = context.Message.CourseId, Title = context.Message.CourseTitle });
        }
        else
        {
            course.Title = context.Message.CourseTitle;
        }
    }
}

public sealed class EnrolmentConfirmedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<EnrolmentConfirmedConsumer> logger)
    : IdempotentConsumer<EnrolmentConfirmed, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<EnrolmentConfirmed> context, CancellationToken cancellationToken)
    {
        var enrolment = context.Message;
        var place = await notifier.PlaceNameAsync(enrolment.PlaceId, cancellationToken);
        var course = await TrainingNames.CourseAsync(Db, enrolment.CourseId, cancellationToken);
        await notifier.NotifyAsync(context, enrolment.MemberId, enrolment.PlaceId, Messages.EnrolmentConfirmed(place, course, enrolment.FromWaitingList), cancellationToken);
    }
}

/// <summary>On the waiting list of a full session: the member is told their position and that a freed seat comes by mail.</summary>
public sealed class EnrolmentWaitlistedConsumer(NotificationsDbContext db, Notifier notifier, ILogger<EnrolmentWaitlistedConsumer> logger)
    : IdempotentConsumer<EnrolmentWaitlisted, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<EnrolmentWaitlisted> context, CancellationToken cancellationToken)
    {
        var enrolment = context.Message;
        var place = await notifier.PlaceNameAsync(enrolment.PlaceId, cancellationToken);
        var course = await TrainingNames.CourseAsync(Db, enrolment.CourseId, cancellationToken);
        await notifier.NotifyAsync(context, enrolment.MemberId, enrolment.PlaceId, Messages.EnrolmentWaitlisted(place, course, enrolment.Position), cancellationToken);
    }
}

/// <summary>A member the place withdrew from a session is told; a member's own cancellation needs no message.</summary>
public sealed class EnrolmentCancelledConsumer(NotificationsDbContext db, Notifier notifier, ILogger<EnrolmentCancelledConsumer> logger)
    : IdempotentConsumer<EnrolmentCancelled, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<EnrolmentCancelled> context, CancellationToken cancellationToken)
    {
        var enrolment = context.Message;
        if (enrolment.CancelledBy != "operator")
        {
            return;
        }

        var place = await notifier.PlaceNameAsync(enrolment.PlaceId, cancellationToken);
        var course = await TrainingNames.CourseAsync(Db, enrolment.CourseId, cancellationToken);
        await notifier.NotifyAsync(context, enrolment.MemberId, enrolment.PlaceId, Messages.EnrolmentWithdrawn(place, course), cancellationToken);
    }
}

/// <summary>Everyone enrolled or waiting is told, each once.</summary>
public sealed class SessionCancelledConsumer(NotificationsDbContext db, Notifier notifier, ILogger<SessionCancelledConsumer> logger)
    : IdempotentConsumer<SessionCancelled, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SessionCancelled> context, CancellationToken cancellationToken)
    {
        var session = context.Message;
        var message = Messages.SessionCancelled(await notifier.PlaceNameAsync(session.PlaceId, cancellationToken),
            await TrainingNames.CourseAsync(Db, session.CourseId, cancellationToken), session.Reason);
        foreach (var member in session.MemberIds.Distinct())
        {
            await notifier.NotifyAsync(context, member, session.PlaceId, message, cancellationToken);
        }
    }
}

/// <summary>Congratulations, with the certificate's public address (through the gateway) when training gave its code.</summary>
public sealed class TrainingCompletedConsumer(NotificationsDbContext db, Notifier notifier, IOptions<MailSettings> mail, ILogger<TrainingCompletedConsumer> logger)
    : IdempotentConsumer<TrainingCompleted, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TrainingCompleted> context, CancellationToken cancellationToken)
    {
        var completion = context.Message;
        var place = await notifier.PlaceNameAsync(completion.PlaceId, cancellationToken);
        var certificate = completion.CertificateCode is { } code
            ? new Uri(mail.Value.PublicUrl, $"/api/training/certificates/{Uri.EscapeDataString(code)}").ToString()
            : null;
        await notifier.NotifyAsync(context, completion.MemberId, completion.PlaceId, Messages.TrainingCompleted(place, completion.CourseTitle, completion.Hours, certificate),
            cancellationToken);
    }
}

internal static class TrainingNames
{
    /// <summary>The course's title; "la formation" if its SessionScheduled has not arrived (a message is better late-worded than lost).</summary>
    public static async Task<string> CourseAsync(NotificationsDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        await db.Courses.FindAsync([courseId], cancellationToken) is { } course ? course.Title : "la formation";
}

/// <summary>A session starting within 48 hours short of its minimum: its place's operators decide to keep or cancel it.</summary>
public sealed class SessionBelowMinimumConsumer(NotificationsDbContext db, Notifier notifier, ILogger<SessionBelowMinimumConsumer> logger)
    : IdempotentConsumer<SessionBelowMinimum, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<SessionBelowMinimum> context, CancellationToken cancellationToken)
    {
        var session = context.Message;
        var place = await notifier.PlaceNameAsync(session.PlaceId, cancellationToken);
        await notifier.NotifyOperatorsAsync(context, session.PlaceId,
            Messages.SessionBelowMinimum(place, session.CourseTitle, session.StartsAt, session.Confirmed, session.Minimum), cancellationToken);
    }
}

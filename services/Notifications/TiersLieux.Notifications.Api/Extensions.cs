using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Notifications.Api.Apis;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Notifications.Api.Infrastructure.Mail;
using TiersLieux.Notifications.Api.IntegrationEvents;
using TiersLieux.Notifications.Api.Jobs;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Notifications.Api;

public static class Extensions
{
    /// <summary>
    /// Notifications: its database (notificationsdb), the bus with a consumer for every event someone must hear about,
    /// the SMTP relay (<c>ConnectionStrings:smtp</c> and <c>Mail:*</c>) and the sender of the queued mails, membership's tokens.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext>(ResourceNames.NotificationsDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<MemberRegisteredConsumer>();
            bus.AddConsumer<MemberRolesChangedConsumer>();
            bus.AddConsumer<AccountInvitationIssuedConsumer>();
            bus.AddConsumer<PasswordResetRequestedConsumer>();
            bus.AddConsumer<MemberUpdatedConsumer>();
            bus.AddConsumer<MemberErasedConsumer>();
            bus.AddConsumer<SubscriptionActivatedConsumer>();
            bus.AddConsumer<SubscriptionEndedConsumer>();
            bus.AddConsumer<PlaceRegisteredConsumer>();
            bus.AddConsumer<PlaceUpdatedConsumer>();
            bus.AddConsumer<LabelApplicationDecidedConsumer>();
            bus.AddConsumer<BookingConfirmedConsumer>();
            bus.AddConsumer<BookingCancelledConsumer>();
            bus.AddConsumer<SessionScheduledConsumer>();
            bus.AddConsumer<EnrolmentConfirmedConsumer>();
            bus.AddConsumer<EnrolmentWaitlistedConsumer>();
            bus.AddConsumer<EnrolmentCancelledConsumer>();
            bus.AddConsumer<SessionCancelledConsumer>();
            bus.AddConsumer<TrainingCompletedConsumer>();
            bus.AddConsumer<SessionBelowMinimumConsumer>();
            bus.AddConsumer<QualificationGrantedConsumer>();
            bus.AddConsumer<MachineRegisteredConsumer>();
            bus.AddConsumer<MachineUpdatedConsumer>();
            bus.AddConsumer<MaintenanceDueConsumer>();
            bus.AddConsumer<MachineStatusChangedConsumer>();
            bus.AddConsumer<QualificationRevokedConsumer>();
        });
        builder.Services.AddOptions<MailSettings>()
            .Bind(builder.Configuration.GetSection("Mail"))
            .PostConfigure<IConfiguration>((mail, configuration) => mail.ApplyConnectionString(configuration.GetConnectionString(ResourceNames.Smtp)));
        builder.Services.AddSingleton<MailSignal>();
        builder.Services.AddSingleton<MailMetrics>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<SmtpMailSender>();
        builder.Services.AddHostedService<MailSender>();
        builder.Services.AddHostedService<ReminderJob>();
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.MapInboxApi();
        app.MapPreferencesApi();
        app.MapUnsubscribeApi();
        return app;
    }
}

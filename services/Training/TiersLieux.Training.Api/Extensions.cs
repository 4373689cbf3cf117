using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.Topology;
using TiersLieux.Training.Api.Apis;
using TiersLieux.Training.Api.Infrastructure;
using TiersLieux.Training.Api.IntegrationEvents;

namespace TiersLieux.Training.Api;

public static class Extensions
{
    /// <summary>Training: its database (trainingdb), the bus with its consumers (members, erasures, places), the outbox, membership's tokens.</summary>
    public static IHostApplicationBuilder AddTrainingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TrainingDbContext>(ResourceNames.TrainingDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<MemberRegisteredConsumer>();
            bus.AddConsumer<MemberUpdatedConsumer>();
            bus.AddConsumer<MemberErasedConsumer>();
            bus.AddConsumer<PlaceRegisteredConsumer>();
            bus.AddConsumer<PlaceUpdatedConsumer>();
        });
        builder.AddTransactionalOutbox<TrainingDbContext>();
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        builder.Services.AddSingleton<Jobs.BelowMinimumJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Jobs.BelowMinimumJob>());
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            builder.Services.AddHostedService<Demo.DemoCoursesSeeder>();
        }
        return builder;
    }

    public static WebApplication MapTrainingApi(this WebApplication app)
    {
        app.MapCoursesApi();
        app.MapSessionsApi();
        app.MapEnrolmentsApi();
        app.MapCertificatesApi();
        app.MapFiguresApi();
        return app;
    }
}

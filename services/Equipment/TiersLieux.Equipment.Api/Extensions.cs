using TiersLieux.Equipment.Api.Apis;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Equipment.Api.Jobs;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Equipment.Api;

public static class Extensions
{
    /// <summary>
    /// Equipment: its database (equipmentdb), the bus with its consumers (places, completed trainings, erasures), the
    /// outbox, membership's tokens, and the watch that announces due maintenance.
    /// </summary>
    public static IHostApplicationBuilder AddEquipmentServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<EquipmentDbContext>(ResourceNames.EquipmentDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<PlaceRegisteredConsumer>();
            bus.AddConsumer<PlaceUpdatedConsumer>();
            bus.AddConsumer<TrainingCompletedConsumer>();
            bus.AddConsumer<MemberErasedConsumer>();
            bus.AddConsumer<BookingCompletedConsumer>();
        });
        builder.AddTransactionalOutbox<EquipmentDbContext>();
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        builder.Services.AddHostedService<MaintenanceWatch>();
        builder.Services.AddHostedService<QualificationLapseWatch>();
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            builder.Services.AddHostedService<Demo.DemoMachinesSeeder>();
        }
        return builder;
    }

    public static WebApplication MapEquipmentApi(this WebApplication app)
    {
        app.MapMachinesApi();
        app.MapMaintenanceApi();
        app.MapIncidentsApi();
        app.MapQualificationsApi();
        app.MapRecognitionApi();
        return app;
    }
}

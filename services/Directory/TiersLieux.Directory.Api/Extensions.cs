using TiersLieux.Directory.Api.Apis;
using TiersLieux.Directory.Api.Infrastructure;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Api;

public static class Extensions
{
    /// <summary>
    /// The directory: its database (directorydb), the bus, the outbox that publishes its events, and membership's
    /// tokens validated through the discovery contract.
    /// </summary>
    public static IHostApplicationBuilder AddDirectoryServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DirectoryDbContext>(ResourceNames.DirectoryDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<IntegrationEvents.MemberRegisteredIndicator>();
            bus.AddConsumer<IntegrationEvents.MemberUpdatedIndicator>();
            bus.AddConsumer<IntegrationEvents.MemberErasedIndicator>();
            bus.AddConsumer<IntegrationEvents.SubscriptionActivatedIndicator>();
            bus.AddConsumer<IntegrationEvents.SubscriptionEndedIndicator>();
            bus.AddConsumer<IntegrationEvents.BookingCompletedIndicator>();
            bus.AddConsumer<IntegrationEvents.TrainingCompletedIndicator>();
        });
        builder.AddTransactionalOutbox<DirectoryDbContext>();
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            builder.Services.AddHostedService<Demo.DemoPlacesSeeder>();
        }

        return builder;
    }

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.MapPlacesApi();
        app.MapPlaceSearchApi();
        app.MapOpenDataApi();
        app.MapLabelCampaignsApi();
        app.MapLabelApplicationsApi();
        app.MapAgendaApi();
        app.MapIndicatorsApi();
        return app;
    }
}

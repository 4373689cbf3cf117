using TiersLieux.Booking.Api.Apis;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Booking.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Security;
using TiersLieux.Topology;

namespace TiersLieux.Booking.Api;

public static class Extensions
{
    /// <summary>Booking: its database (bookingdb), the bus with its consumers (places, subscriptions, members, machines, qualifications, recognition), the outbox, membership's tokens.</summary>
    public static IHostApplicationBuilder AddBookingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BookingDbContext>(ResourceNames.BookingDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<PlaceRegisteredConsumer>();
            bus.AddConsumer<PlaceUpdatedConsumer>();
            bus.AddConsumer<SubscriptionActivatedConsumer>();
            bus.AddConsumer<SubscriptionEndedConsumer>();
            bus.AddConsumer<MemberSuspendedConsumer>();
            bus.AddConsumer<MemberReinstatedConsumer>();
            bus.AddConsumer<MemberErasedConsumer>();
            bus.AddConsumer<MachineRegisteredConsumer>();
            bus.AddConsumer<MachineUpdatedConsumer>();
            bus.AddConsumer<MachineStatusChangedConsumer>();
            bus.AddConsumer<QualificationGrantedConsumer>();
            bus.AddConsumer<QualificationRevokedConsumer>();
            bus.AddConsumer<RecognitionChangedConsumer>();
        });
        builder.AddTransactionalOutbox<BookingDbContext>();
        builder.AddPlatformAuthentication(ResourceNames.MembershipApi);
        builder.Services.AddSingleton<Jobs.CompletionJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Jobs.CompletionJob>());
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            builder.Services.AddHostedService<Demo.DemoResourcesSeeder>();
        }
        return builder;
    }

    public static WebApplication MapBookingApi(this WebApplication app)
    {
        app.MapResourcesApi();
        app.MapBookingsApi();
        app.MapCalendarsApi();
        app.MapAvailabilityApi();
        app.MapPlacesApi();
        return app;
    }
}

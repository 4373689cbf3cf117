using TiersLieux.Membership.Api.Apis;
using TiersLieux.Membership.Api.Identity;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Membership.Api.Jobs;
using TiersLieux.Messaging;
using TiersLieux.Messaging.Database;
using TiersLieux.Topology;

namespace TiersLieux.Membership.Api;

public static class Extensions
{
    /// <summary>Membership: its database (membershipdb), the bus with its consumers, the outbox, the expiry job.</summary>
    public static IHostApplicationBuilder AddMembershipServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MembershipDbContext>(ResourceNames.MembershipDb);
        builder.AddServiceMessaging(ResourceNames.Messaging, bus =>
        {
            bus.AddConsumer<PlaceRegisteredConsumer>();
            bus.AddConsumer<PlaceUpdatedConsumer>();
            bus.AddConsumer<SensitiveActionTakenConsumer>();
        });
        builder.AddTransactionalOutbox<MembershipDbContext>();
        builder.AddIdentityServer();
        builder.Services.AddSingleton<SubscriptionExpiryJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SubscriptionExpiryJob>());
        builder.Services.AddOptions<Demo.DemoOptions>().BindConfiguration("Demo");
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            builder.Services.AddHostedService<Demo.DemoMembershipSeeder>();
        }

        return builder;
    }

    public static WebApplication MapMembershipApi(this WebApplication app)
    {
        app.MapMembersApi();
        app.MapPersonalDataApi();
        app.MapOrganisationsApi();
        app.MapPlansApi();
        app.MapSubscriptionsApi();
        app.MapAccountsApi();
        app.MapPlacesApi();
        app.MapAuditApi();
        app.MapIdentityKeysApi();
        app.MapSignInApi();
        app.MapPasswordLinksApi();
        app.MapAuthorizationApi();
        app.MapTokenApi();
        return app;
    }
}

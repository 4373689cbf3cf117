using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TiersLieux.Messaging;

public static class OutboxExtensions
{
    /// <summary>
    /// Publishes the integration events that <typeparamref name="TContext"/> records with
    /// <see cref="OutboxModelBuilderExtensions.AddIntegrationEvent{TEvent}"/>. Needs <c>AddServiceMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTransactionalOutbox<TContext>(this IHostApplicationBuilder builder, Action<OutboxOptions>? configure = null)
        where TContext : DbContext
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox").Configure(options => configure?.Invoke(options));
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }
}

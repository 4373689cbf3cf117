using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Membership;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>
/// Notifications under test on its real database and the shared broker, sending to a real SMTP server of its own
/// (smtp4dev); a place and members announced as the directory and membership announce them.
/// </summary>
internal sealed class NotificationsWorld : IAsyncDisposable
{
    private NotificationsWorld(TestService<Program> service, MailServer mail, Guid place)
    {
        Service = service;
        Mail = mail;
        Place = place;
    }

    public TestService<Program> Service { get; }

    public MailServer Mail { get; }

    public Guid Place { get; }

    public const string PlaceName = "Fablab de Narbonne";

    public static async Task<NotificationsWorld> StartAsync(InfrastructureFixture infrastructure)
    {
        var mail = await MailServer.StartNewAsync();
        var service = await TestService<Program>.StartAsync(infrastructure, ResourceNames.NotificationsDb,
            new Dictionary<string, string> { [$"ConnectionStrings:{ResourceNames.Smtp}"] = mail.ConnectionString });
        var place = await service.KnownPlaceAsync(PlaceName, (services, id) => services.GetRequiredService<NotificationsDbContext>().Places.AnyAsync(p => p.Id == id));
        return new NotificationsWorld(service, mail, place);
    }

    /// <summary>A member as membership announces them, known to notifications once this returns; their email.</summary>
    public async Task<(Guid Id, string Email)> MemberAsync(string name = "Léa Martin")
    {
        var id = Guid.NewGuid();
        var email = $"lea.{id:N}@example.org";
        await Service.Bus.Publish(new MemberRegistered(id, name, email, [Place], 1, DateTimeOffset.UtcNow));
        await UntilAsync(db => db.Recipients.AnyAsync(r => r.MemberId == id));
        return (id, email);
    }

    public async Task UntilAsync(Func<NotificationsDbContext, Task<bool>> condition, TimeSpan? timeout = null) =>
        await TestWait.UntilAsync(async () => await QueryAsync(condition), timeout ?? TimeSpan.FromSeconds(60));

    public async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = Service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

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
    private readonly bool _ownsMail;

    private NotificationsWorld(TestService<Program> service, MailServer mail, bool ownsMail, Guid place)
    {
        Service = service;
        Mail = mail;
        _ownsMail = ownsMail;
        Place = place;
    }

    public TestService<Program> Service { get; }

    public MailServer Mail { get; }

    public Guid Place { get; }

    public const string PlaceName = "Fablab de Narbonne";

    /// <summary>The sender address of this host's mails.</summary>
    public string From { get; private init; } = "";

    /// <summary>This host's mails to <paramref name="email"/>, once there are at least <paramref name="count"/>.</summary>
    public Task<IReadOnlyList<MimeKit.MimeMessage>> MailsToAsync(string email, int count, TimeSpan? timeout = null) =>
        Mail.WaitForAsync(email, count, timeout, From);

    /// <param name="mail">The assembly's shared server; null: one of its own (a test that stops it).</param>
    public static async Task<NotificationsWorld> StartAsync(InfrastructureFixture infrastructure, MailServer? mail)
    {
        var ownsMail = mail is null;
        mail ??= await MailServer.StartNewAsync();
        // Every host of the assembly hears every event on the shared broker and writes to the shared server: each
        // signs its mails with an address of its own, and a test reads its own host's mails only.
        var from = $"notifications-{Guid.NewGuid():N}@tests.example";
        var service = await TestService<Program>.StartAsync(infrastructure, ResourceNames.NotificationsDb, new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.Smtp}"] = mail.ConnectionString,
            ["Mail:FromAddress"] = from,
        });
        var place = await service.KnownPlaceAsync(PlaceName, (services, id) => services.GetRequiredService<NotificationsDbContext>().Places.AnyAsync(p => p.Id == id));
        return new NotificationsWorld(service, mail, ownsMail, place) { From = from };
    }

    /// <summary>
    /// A member as membership announces one an operator registers (their details, then the invitation that the
    /// welcome mail carries), known to notifications once this returns; their email.
    /// </summary>
    public async Task<(Guid Id, string Email)> MemberAsync(string name = "Léa Martin")
    {
        var id = Guid.NewGuid();
        var email = $"lea.{id:N}@example.org";
        await Service.Bus.Publish(new MemberRegistered(id, name, email, [Place], 1, DateTimeOffset.UtcNow));
        await Service.Bus.Publish(new AccountInvitationIssued(id, InvitationLink(id), DateTimeOffset.UtcNow.AddDays(7), DateTimeOffset.UtcNow));
        // Welcomed too: what a test publishes next comes after the welcome, in the inbox as in the mailbox.
        await UntilAsync(db => db.Notifications.AnyAsync(n => n.MemberId == id && n.Kind == "account-created"));
        return (id, email);
    }

    /// <summary>The link membership would have put in the invitation of this member.</summary>
    public static string InvitationLink(Guid member) => $"https://tierslieux.example/account/choose-password?token=invitation-{member:N}";

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
        if (_ownsMail)
        {
            await Mail.DisposeAsync();
        }
    }
}

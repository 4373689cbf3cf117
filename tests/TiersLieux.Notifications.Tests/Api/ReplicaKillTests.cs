using MassTransit;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Contracts.Booking;
using TiersLieux.Contracts.Directory;
using TiersLieux.Contracts.Membership;
using TiersLieux.Hosting.Processes;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.Notifications.Api.Infrastructure;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;
using TiersLieux.Topology;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>
/// The notifications service as a real process, killed (SIGKILL) while it holds a batch of mails it is sending; a
/// supervisor starts it again, as DCP or systemd would.
/// </summary>
public sealed class ReplicaKillTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const int Bookings = 400;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly LogBuffer _log = new();
    private MailServer _mail = null!;
    private ServiceProcess _service = null!;
    private IBusControl _bus = null!;
    private string _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _mail = await MailServer.StartNewAsync();
        _database = await infrastructure.CreateDatabaseAsync(ResourceNames.NotificationsDb);
        var environment = new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{ResourceNames.NotificationsDb}"] = _database,
            [$"ConnectionStrings__{ResourceNames.Messaging}"] = infrastructure.MessagingConnectionString,
            [$"ConnectionStrings__{ResourceNames.Smtp}"] = _mail.ConnectionString,
            // Queues of its own: the assembly's other hosts share the broker.
            ["Messaging__EndpointPrefix"] = $"k{Guid.NewGuid():N}"[..9],
            ["Mail__Lease"] = Lease.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in (await TestTokenIssuer.SharedAsync()).ServiceEnvironment)
        {
            environment[key] = value;
        }

        _service = await ServiceProcess.StartAsync(ResourceNames.NotificationsApi, ProjectOutputs.Assembly(ProjectOutputs.NotificationsApi), 1, environment, _log,
            TimeSpan.FromSeconds(120));
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(infrastructure.MessagingConnectionString)));
        await _bus.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await _service.DisposeAsync();
        await _mail.DisposeAsync();
    }

    [Fact]
    public async Task A_replica_killed_while_sending_loses_no_mail_and_sends_at_most_the_one_in_flight_twice()
    {
        var replica = _service.Replicas[0];
        var (place, member) = (Guid.NewGuid(), Guid.NewGuid());
        var email = $"karim.{member:N}@example.org";
        await _bus.Publish(new PlaceRegistered(place, "IN'ESS", "coworking", "Narbonne", "11100", "11", 43.18, 3.0, 1, DateTimeOffset.UtcNow), Cancel);
        await _bus.Publish(new MemberRegistered(member, "Karim Benali", email, [place], 1, DateTimeOffset.UtcNow), Cancel);
        await UntilAsync(db => db.Recipients.AnyAsync(r => r.MemberId == member), TimeSpan.FromSeconds(60));
        var startsAt = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Bookings; i++)
        {
            await _bus.Publish(new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "desk", null, place, member, startsAt.AddDays(i), startsAt.AddDays(i).AddHours(1),
                DateTimeOffset.UtcNow), Cancel);
        }

        // Mid-send: some mails out, then the relay hangs, and the sender waits on it holding the rest of its batch.
        await UntilAsync(db => db.OutgoingMails.CountAsync(m => m.Status == MailStatus.Sent).ContinueWith(sent => sent.Result >= 10, TaskScheduler.Default),
            TimeSpan.FromMinutes(2));
        _mail.Freeze();
        await UntilAsync(db => db.OutgoingMails.AnyAsync(m => m.Status == MailStatus.Queued && m.LeasedUntil != null), TimeSpan.FromMinutes(1));

        var pid = replica.Pid!.Value;
        Assert.True(Signals.Send(pid, Signals.SigKill));
        await TestWait.UntilAsync(() => replica.Pid != pid || !Signals.IsAlive(pid), TimeSpan.FromSeconds(30));
        // What the dead one held, its lease still running: nobody may touch it until the lease is over.
        var held = await QueryAsync(db => db.OutgoingMails.Where(m => m.Status == MailStatus.Queued && m.LeasedUntil != null).Select(m => m.Id).ToListAsync());
        Assert.NotEmpty(held);
        _mail.Thaw();

        // The supervisor starts it again; once the dead one's lease runs out, the new one sends what it held.
        await UntilAsync(db => db.OutgoingMails.AllAsync(m => m.Status == MailStatus.Sent), TimeSpan.FromMinutes(3));
        await TestWait.UntilAsync(() => replica.Restarts >= 1, TimeSpan.FromMinutes(1));
        var received = await _mail.WaitForAsync(email, Bookings, TimeSpan.FromMinutes(1));

        // Nothing lost: the 400 confirmations (no invitation was issued, so no welcome), each once by its Message-ID.
        var messageIds = received.Select(m => m.MessageId).ToList();
        Assert.Equal(Bookings, messageIds.Distinct().Count());
        Assert.Equal(Bookings, received.Select(m => m.Subject).Distinct().Count());
        // At most one duplicate: a mail is marked sent the moment the relay takes it, so only the one on the wire when
        // the process died (the relay may have kept it without the sender hearing its 250) can go again, with the same
        // Message-ID, for mail clients to fold.
        TestContext.Current.TestOutputHelper?.WriteLine($"held by the killed replica: {held.Count}; received: {messageIds.Count} for {Bookings} mails");
        Assert.InRange(messageIds.Count - Bookings, 0, 1);
        // What the dead replica held went out from the new one, on a later attempt.
        var taken = await QueryAsync(db => db.OutgoingMails.Where(m => held.Contains(m.Id)).ToListAsync());
        Assert.Equal(held.Count, taken.Count);
        Assert.All(taken, mail => Assert.True(mail.Status == MailStatus.Sent && mail.Attempts >= 2, $"{mail.Id}: {mail.Status} after {mail.Attempts} attempts"));
    }

    private async Task UntilAsync(Func<NotificationsDbContext, Task<bool>> condition, TimeSpan timeout) =>
        await TestWait.UntilAsync(() => QueryAsync(condition), timeout);

    private async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var db = new NotificationsDbContext(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql(_database).Options);
        return await query(db);
    }
}

using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TiersLieux.Contracts.Booking;
using TiersLieux.Notifications.Api.Domain;
using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>The SMTP server down while the platform keeps deciding things: nothing is lost, nothing is sent twice.</summary>
public sealed class MailOutageTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private NotificationsWorld _world = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await NotificationsWorld.StartAsync(infrastructure, mail: null);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Two_hundred_notifications_made_while_the_SMTP_server_is_down_all_arrive_once_when_it_returns()
    {
        var meters = _world.Service.Factory.Services.GetRequiredService<IMeterFactory>();
        using var queued = new MetricCollector<long>(meters, TelemetryNames.Meter, "tierslieux.mail.queued");
        using var oldest = new MetricCollector<double>(meters, TelemetryNames.Meter, "tierslieux.mail.oldest_queued_age");
        using var failures = new MetricCollector<long>(meters, TelemetryNames.Meter, "tierslieux.mail.send_failures");
        using var sent = new MetricCollector<long>(meters, TelemetryNames.Meter, "tierslieux.mail.sent");
        await _world.Mail.StopAsync();
        var (member, email) = await _world.MemberAsync();
        var startsAt = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            await _world.Service.Bus.Publish(new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "desk", null, _world.Place, member,
                startsAt.AddDays(i), startsAt.AddDays(i).AddHours(1), DateTimeOffset.UtcNow), Cancel);
        }

        // The welcome and the 200 confirmations: each tried at least once against the stopped server, all still queued.
        await _world.UntilAsync(db => db.OutgoingMails.CountAsync(m => m.To == email && m.Status == MailStatus.Queued && m.Attempts >= 1 && m.LeasedUntil == null)
            .ContinueWith(count => count.Result == 201, TaskScheduler.Default), TimeSpan.FromMinutes(2));
        Assert.Equal(0, await _world.QueryAsync(db => db.OutgoingMails.CountAsync(m => m.To == email && m.Status != MailStatus.Queued)));
        // What ops see on the dashboard: the queue, its oldest mail's age (a second on the service's clock), the failed
        // attempts. At least ours: this host hears the other tests' events on the shared broker and queues theirs too.
        _world.Service.Clock.Advance(TimeSpan.FromSeconds(1));
        await TestWait.UntilAsync(() =>
        {
            queued.RecordObservableInstruments();
            oldest.RecordObservableInstruments();
            return queued.LastMeasurement?.Value >= 201 && oldest.LastMeasurement?.Value >= 1;
        }, TimeSpan.FromSeconds(30));
        Assert.True(failures.GetMeasurementSnapshot().Sum(m => m.Value) >= 201);

        await _world.Mail.StartAsync();
        // Past every backoff: the retries are due (the service's clock is the test's).
        _world.Service.Clock.Advance(TimeSpan.FromMinutes(15));

        var received = await _world.MailsToAsync(email, 201, TimeSpan.FromMinutes(2));
        await _world.UntilAsync(db => db.OutgoingMails.AllAsync(m => m.To != email || m.Status == MailStatus.Sent));
        received = await _world.MailsToAsync(email, 201);
        Assert.True(sent.GetMeasurementSnapshot().Sum(m => m.Value) >= 201);
        Assert.Equal(201, received.Count);
        Assert.Equal(201, received.Select(m => m.MessageId).Distinct().Count());
        // One mail per booking: 200 different days.
        Assert.Equal(200, received.Where(m => (m.Subject ?? "").StartsWith("Réservation confirmée", StringComparison.Ordinal)).Select(m => m.Subject).Distinct().Count());
    }
}

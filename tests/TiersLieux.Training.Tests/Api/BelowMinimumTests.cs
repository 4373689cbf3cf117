using Microsoft.Extensions.DependencyInjection;
using TiersLieux.Contracts.Training;
using TiersLieux.Testing;
using TiersLieux.Training.Api.Jobs;

namespace TiersLieux.Training.Tests.Api;

/// <summary>A session short of its minimum is announced to its operators 48 hours before it starts, once; on the service's clock.</summary>
public sealed class BelowMinimumTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;
    private Guid _course;

    public async ValueTask InitializeAsync()
    {
        _service = await Training.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("Tiers-lieu de Quillan");
        _course = await _service.CourseAsync(_place, title: "Initiation à la découpe vinyle");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_session_short_of_its_minimum_is_announced_48_hours_before_once_and_a_full_enough_one_never()
    {
        await using var announced = await EventCollector<SessionBelowMinimum>.StartAsync(infrastructure.MessagingConnectionString);
        var startsAt = new DateTimeOffset(_service.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(4).AddHours(9);
        object[] slots = [new { startsAt, endsAt = startsAt.AddHours(3) }];
        var short_ = await _service.SessionAsync(_course, _place, capacity: 8, minimum: 3, slots);
        var enough = await _service.SessionAsync(_course, _place, capacity: 8, minimum: 2, slots);
        foreach (var (session, learners) in new[] { (short_, 1), (enough, 2) })
        {
            for (var i = 0; i < learners; i++)
            {
                var member = Guid.NewGuid();
                await _service.LearnerAsync(member, $"Apprenant {i}");
                await _service.EnrolAsync(session, member);
            }
        }

        var job = _service.Factory.Services.GetRequiredService<BelowMinimumJob>();
        Assert.Equal(0, await job.AnnounceDueAsync(TestContext.Current.CancellationToken));

        // 47 hours before it starts: within the notice. Moving the clock also wakes the service's own run of the job:
        // whichever claims the session first announces it, and the other finds it announced.
        _service.Clock.SetUtcNow(startsAt.AddHours(-47));
        Assert.InRange(await job.AnnounceDueAsync(TestContext.Current.CancellationToken), 0, 1);
        var message = (await announced.WaitForAsync(e => e.SessionId == short_, TimeSpan.FromSeconds(30))).Message;
        Assert.Equal(0, await job.AnnounceDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal((1, 3, _place, startsAt), (message.Confirmed, message.Minimum, message.PlaceId, message.StartsAt));
        Assert.DoesNotContain(announced.Received, e => e.Message.SessionId == enough);
    }
}

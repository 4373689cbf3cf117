using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Training;
using TiersLieux.Testing;

namespace TiersLieux.Training.Tests.Api;

/// <summary>Seats, the waiting list and cancellations under real concurrency, on a real PostgreSQL and RabbitMQ.</summary>
public sealed class EnrolmentTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;
    private Guid _course;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Training.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("Fablab de Narbonne");
        _course = await _service.CourseAsync(_place, qualifications: ["laser-cutter"]);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Forty_members_racing_for_five_seats_get_five_seats_and_an_ordered_waiting_list_promoted_when_seats_free()
    {
        await using var confirmed = await EventCollector<EnrolmentConfirmed>.StartAsync(infrastructure.MessagingConnectionString);
        await using var waitlisted = await EventCollector<EnrolmentWaitlisted>.StartAsync(infrastructure.MessagingConnectionString);
        var session = await _service.SessionAsync(_course, _place, capacity: 5, minimum: 2, _service.Slots(3));
        var members = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        var answers = await Task.WhenAll(members.Select(async member =>
        {
            var response = await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/enrolments", new { memberId = member }, Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        }));

        Assert.Equal(5, answers.Count(a => a["status"]!.GetValue<string>() == "confirmed"));
        Assert.Equal(Enumerable.Range(1, 35), answers.Where(a => a["status"]!.GetValue<string>() == "waitlisted").Select(a => a["waitingListPosition"]!.GetValue<int>()).Order());
        // Each one on the list is told their position, as they were answered.
        await TestWait.UntilAsync(() => waitlisted.Received.Count(e => e.Message.SessionId == session) == 35, TimeSpan.FromSeconds(60));
        Assert.Equal(
            answers.Where(a => a["status"]!.GetValue<string>() == "waitlisted").Select(a => (a["memberId"]!.GetValue<Guid>(), a["waitingListPosition"]!.GetValue<int>())).Order(),
            waitlisted.Received.Where(e => e.Message.SessionId == session).Select(e => (e.Message.MemberId, e.Message.Position)).Order());
        var list = await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/training/sessions/{session}/enrolments", Cancel);
        var waiting = list!.Where(e => e!["status"]!.GetValue<string>() == "waitlisted").ToList();
        var seated = list!.Where(e => e!["status"]!.GetValue<string>() == "confirmed").ToList();

        // Two seats free; the two who waited longest get them, and only they.
        foreach (var leaving in seated.Take(2))
        {
            await TestService<Program>.PostAsync(_service.Admin, $"/api/training/enrolments/{leaving!["id"]}/cancellation", null, HttpStatusCode.OK);
        }

        var after = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/training/sessions/{session}", Cancel);
        Assert.Equal(5, after!["confirmed"]!.GetValue<int>());
        Assert.Equal(33, after["waitlisted"]!.GetValue<int>());
        foreach (var promoted in waiting.Take(2))
        {
            var member = promoted!["memberId"]!.GetValue<Guid>();
            var message = await confirmed.WaitForAsync(e => e.MemberId == member && e.FromWaitingList, TimeSpan.FromSeconds(30));
            Assert.Equal(session, message.Message.SessionId);
        }

        Assert.Equal(7, confirmed.Received.Count(e => e.Message.SessionId == session));

        // Each one still waiting reads, in their own list, where they stand now: two places nearer than they were told.
        foreach (var still in answers.Where(a => a["status"]!.GetValue<string>() == "waitlisted" && a["waitingListPosition"]!.GetValue<int>() is 3 or 35))
        {
            using var member = _service.As(_service.Tokens.Member(still["memberId"]!.GetValue<Guid>()));
            var mine = Assert.Single((await member.GetFromJsonAsync<JsonArray>("/api/training/enrolments", Cancel))!);
            Assert.Equal(still["waitingListPosition"]!.GetValue<int>() - 2, mine!["waitingListPosition"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_withdrawal_says_who_withdrew_and_a_freed_seat_goes_to_the_first_waiting()
    {
        await using var cancelled = await EventCollector<EnrolmentCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        await using var confirmed = await EventCollector<EnrolmentConfirmed>.StartAsync(infrastructure.MessagingConnectionString);
        var session = await _service.SessionAsync(_course, _place, capacity: 1, minimum: 0, _service.Slots(1));
        var (seated, waiting, second) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var seat = (await _service.EnrolAsync(session, seated))["id"]!.GetValue<Guid>();
        await _service.EnrolAsync(session, waiting);
        var secondOnTheList = (await _service.EnrolAsync(session, second))["id"]!.GetValue<Guid>();

        // The place's operator withdraws the seated member; the one waiting longest gets the seat.
        using var operatorClient = _service.As(_service.Tokens.PlaceOperator(_place));
        await TestService<Program>.PostAsync(operatorClient, $"/api/training/enrolments/{seat}/cancellation", null, HttpStatusCode.OK);
        var byOperator = await cancelled.WaitForAsync(e => e.EnrolmentId == seat, TimeSpan.FromSeconds(30));
        Assert.Equal(("operator", seated, session, _course, _place), (byOperator.Message.CancelledBy, byOperator.Message.MemberId, byOperator.Message.SessionId,
            byOperator.Message.CourseId, byOperator.Message.PlaceId));
        await confirmed.WaitForAsync(e => e.MemberId == waiting && e.FromWaitingList, TimeSpan.FromSeconds(30));

        // Someone still waiting leaves the list themselves: told as theirs, and nobody is promoted for it.
        using var secondClient = _service.As(_service.Tokens.Member(second));
        await TestService<Program>.PostAsync(secondClient, $"/api/training/enrolments/{secondOnTheList}/cancellation", null, HttpStatusCode.OK);
        Assert.Equal("member", (await cancelled.WaitForAsync(e => e.EnrolmentId == secondOnTheList, TimeSpan.FromSeconds(30))).Message.CancelledBy);
        Assert.Equal(2, confirmed.Received.Count(e => e.Message.SessionId == session));
    }

    [Fact]
    public async Task A_session_below_its_minimum_is_cancelled_and_everyone_enrolled_is_told()
    {
        await using var cancelled = await EventCollector<SessionCancelled>.StartAsync(infrastructure.MessagingConnectionString);
        var session = await _service.SessionAsync(_course, _place, capacity: 5, minimum: 3, _service.Slots(2));
        var members = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var member in members)
        {
            await _service.EnrolAsync(session, member);
        }

        var response = await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/cancellation", new { }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await cancelled.WaitForAsync(e => e.SessionId == session, TimeSpan.FromSeconds(30));
        Assert.Equal("below-minimum", message.Message.Reason);
        Assert.Equal(members.Order(), message.Message.MemberIds.Order());
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/enrolments", new { memberId = Guid.NewGuid() }, Cancel), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_session_at_its_minimum_is_cancelled_only_with_a_reason()
    {
        var session = await _service.SessionAsync(_course, _place, capacity: 5, minimum: 1, _service.Slots(1));
        await _service.EnrolAsync(session, Guid.NewGuid());

        var withoutReason = await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/cancellation", new { }, Cancel);

        Assert.NotNull((await Problem.AssertAsync(withoutReason, HttpStatusCode.UnprocessableEntity))["errors"]!["reason"]);
        Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/cancellation", new { reason = "Formatrice malade" }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_sessions_enrolments_waiting_list_included_are_cancelled_with_its_reason()
    {
        var session = await _service.SessionAsync(_course, _place, capacity: 1, minimum: 1, _service.Slots(1));
        var (seated, waiting) = (Guid.NewGuid(), Guid.NewGuid());
        var seat = (await _service.EnrolAsync(session, seated))["id"]!.GetValue<Guid>();
        Assert.Equal("waitlisted", (await _service.EnrolAsync(session, waiting))["status"]!.GetValue<string>());

        var cancelled = await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/cancellation", new { reason = "Formatrice malade" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = (await cancelled.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal(0, after["confirmed"]!.GetValue<int>());
        Assert.Equal(0, after["waitlisted"]!.GetValue<int>());
        var roster = (await _service.Admin.GetFromJsonAsync<JsonArray>($"/api/training/sessions/{session}/enrolments", Cancel))!;
        Assert.Equal(2, roster.Count);
        Assert.All(roster, e =>
        {
            Assert.Equal("cancelled", e!["status"]!.GetValue<string>());
            Assert.Equal("Formatrice malade", e["cancellationReason"]!.GetValue<string>());
        });
        // The learner sees it cancelled in their own list and has nothing left to cancel.
        using var learner = _service.As(_service.Tokens.Member(seated));
        var mine = (await learner.GetFromJsonAsync<JsonArray>($"/api/training/enrolments?memberId={seated}", Cancel))!;
        Assert.Equal("cancelled", Assert.Single(mine, e => e!["sessionId"]!.GetValue<Guid>() == session)!["status"]!.GetValue<string>());
        await Problem.AssertAsync(await learner.PostAsync($"/api/training/enrolments/{seat}/cancellation", null, Cancel), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Members_enrol_themselves_once_and_need_the_prerequisites_completed()
    {
        var advanced = await _service.CourseAsync(_place, prerequisites: [_course], title: "Découpe laser avancée");
        var session = await _service.SessionAsync(advanced, _place, capacity: 5, minimum: 0, _service.Slots(1));
        var basics = await _service.SessionAsync(_course, _place, capacity: 5, minimum: 0, _service.Slots(1));
        var member = Guid.NewGuid();
        using var memberClient = _service.As(_service.Tokens.Member(member));

        var missing = await memberClient.PostAsJsonAsync($"/api/training/sessions/{session}/enrolments", new { }, Cancel);
        Assert.Contains("Sécurité découpe laser", (await Problem.AssertAsync(missing, HttpStatusCode.UnprocessableEntity))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await memberClient.PostAsJsonAsync($"/api/training/sessions/{basics}/enrolments", new { }, Cancel)).StatusCode);
        await Problem.AssertAsync(await memberClient.PostAsJsonAsync($"/api/training/sessions/{basics}/enrolments", new { }, Cancel), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await memberClient.PostAsJsonAsync($"/api/training/sessions/{basics}/enrolments", new { memberId = Guid.NewGuid() }, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await memberClient.GetAsync($"/api/training/sessions/{basics}/enrolments", Cancel), HttpStatusCode.Forbidden);
        var mine = await memberClient.GetFromJsonAsync<JsonArray>("/api/training/enrolments", Cancel);
        Assert.Single(mine!);
    }

    [Theory]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":0,\"slots\":SLOTS}", "capacity")]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":5,\"minimum\":6,\"slots\":SLOTS}", "minimum")]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":5,\"slots\":[]}", "slots")]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":5,\"slots\":[{\"startsAt\":\"2020-01-01T09:00:00Z\",\"endsAt\":\"2020-01-01T11:00:00Z\"}]}", "slots")]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":5,\"slots\":[{\"startsAt\":\"2030-01-01T11:00:00Z\",\"endsAt\":\"2030-01-01T09:00:00Z\"}]}", "slots")]
    [InlineData("{\"courseId\":\"COURSE\",\"placeId\":\"PLACE\",\"capacity\":5,\"slots\":[{\"startsAt\":\"2028-01-01T09:00:00Z\",\"endsAt\":\"2028-01-01T12:00:00Z\"},{\"startsAt\":\"2028-01-01T11:00:00Z\",\"endsAt\":\"2028-01-01T13:00:00Z\"}]}", "slots")]
    [InlineData("{\"courseId\":\"00000000-0000-0000-0000-000000000001\",\"placeId\":\"PLACE\",\"capacity\":5,\"slots\":SLOTS}", "courseId")]
    public async Task Bad_sessions_are_answered_422_naming_the_field(string body, string field)
    {
        var slots = System.Text.Json.JsonSerializer.Serialize(_service.Slots(1), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        using var content = new StringContent(body.Replace("COURSE", _course.ToString(), StringComparison.Ordinal).Replace("PLACE", _place.ToString(), StringComparison.Ordinal)
            .Replace("SLOTS", slots, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        var response = await _service.Admin.PostAsync("/api/training/sessions", content, Cancel);

        Assert.NotNull((await Problem.AssertAsync(response, HttpStatusCode.UnprocessableEntity))["errors"]![field]);
    }
}

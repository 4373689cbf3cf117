using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Contracts.Membership;
using TiersLieux.Contracts.Training;
using TiersLieux.Testing;

namespace TiersLieux.Training.Tests.Api;

/// <summary>Attendance, completion, certificates and the funders' cohort figures, counted by hand.</summary>
public sealed class CompletionTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await Training.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("IN'ESS");
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private async Task<Dictionary<Guid, Guid>> EnrolAllAsync(Guid session, IEnumerable<Guid> members)
    {
        var enrolments = new Dictionary<Guid, Guid>();
        foreach (var member in members)
        {
            enrolments[member] = (await _service.EnrolAsync(session, member))["id"]!.GetValue<Guid>();
        }

        return enrolments;
    }

    [Fact]
    public async Task Learners_who_attend_the_required_share_complete_get_a_certificate_anyone_can_check_and_TrainingCompleted_goes_out()
    {
        await using var completed = await EventCollector<TrainingCompleted>.StartAsync(infrastructure.MessagingConnectionString);
        var course = await _service.CourseAsync(_place, qualifications: ["laser-cutter"]);
        var session = await _service.SessionAsync(course, _place, capacity: 5, minimum: 1, _service.Slots(5));
        var (lea, karim, sophie) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _service.LearnerAsync(lea, "Léa Martin");
        var enrolments = await EnrolAllAsync(session, [lea, karim, sophie]);
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/completion", new { }, Cancel), HttpStatusCode.Conflict);

        _service.Clock.Advance(TimeSpan.FromDays(7));
        for (var slot = 0; slot < 5; slot++)
        {
            // Léa 4 of 5 slots (80 %), Karim 3 (60 %), Sophie 3 present and 2 excused (excused is not attended).
            await _service.AttendAsync(session, slot,
                (enrolments[lea], slot < 4 ? "present" : "absent"),
                (enrolments[karim], slot < 3 ? "present" : "absent"),
                (enrolments[sophie], slot < 3 ? "present" : "excused"));
        }

        var finished = await TestService<Program>.PostAsync(_service.Admin, $"/api/training/sessions/{session}/completion", new { }, HttpStatusCode.OK);

        var byMember = finished.AsArray().ToDictionary(e => e!["memberId"]!.GetValue<Guid>());
        Assert.True(byMember[lea]!["completed"]!.GetValue<bool>());
        Assert.Equal(8m, byMember[lea]!["attendedHours"]!.GetValue<decimal>());
        Assert.False(byMember[karim]!["completed"]!.GetValue<bool>());
        Assert.False(byMember[sophie]!["completed"]!.GetValue<bool>());
        Assert.Null(byMember[karim]!["certificateCode"]);
        var code = byMember[lea]!["certificateCode"]!.GetValue<string>();
        using var anyone = _service.Factory.CreateClient();
        var certificate = await anyone.GetFromJsonAsync<JsonObject>($"/api/training/certificates/{code.ToLowerInvariant()}", Cancel);
        Assert.Equal("Léa Martin", certificate!["learner"]!.GetValue<string>());
        Assert.Equal("Sécurité découpe laser", certificate["course"]!.GetValue<string>());
        Assert.Equal("IN'ESS", certificate["place"]!.GetValue<string>());
        Assert.Equal(8m, certificate["hoursAttended"]!.GetValue<decimal>());
        await Problem.AssertAsync(await anyone.GetAsync("/api/training/certificates/NOTAREALCODE", Cancel), HttpStatusCode.NotFound);
        var message = await completed.WaitForAsync(e => e.MemberId == lea, TimeSpan.FromSeconds(30));
        Assert.Equal(["laser-cutter"], message.Message.QualificationCodes);
        Assert.Equal(8m, message.Message.Hours);
        Assert.Equal(code, message.Message.CertificateCode);
        Assert.DoesNotContain(completed.Received, e => e.Message.MemberId == karim || e.Message.MemberId == sophie);
        await Problem.AssertAsync(await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{session}/completion", new { }, Cancel), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cohort_figures_match_a_cohort_counted_by_hand_from_consented_data_only()
    {
        var course = await _service.CourseAsync(_place, kind: "long-course", title: "Développeur web et web mobile");
        var session = await _service.SessionAsync(course, _place, capacity: 10, minimum: 1, _service.Slots(5));
        var cancelledSession = await _service.SessionAsync(course, _place, capacity: 10, minimum: 1, _service.Slots(1));
        var learners = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        await _service.LearnerAsync(learners[0], "L1", new ConsentedProfile("woman", 1990, true, "job-seeker", false));
        await _service.LearnerAsync(learners[1], "L2", new ConsentedProfile("man", 1985, false, "employed", true));
        await _service.LearnerAsync(learners[2], "L3", new ConsentedProfile("woman", 2001, false, "student", false));
        await _service.LearnerAsync(learners[3], "L4", new ConsentedProfile("other", 1979, false, "job-seeker", false));
        await _service.LearnerAsync(learners[4], "L5");
        var enrolments = await EnrolAllAsync(session, learners);
        await _service.EnrolAsync(cancelledSession, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PostAsJsonAsync($"/api/training/sessions/{cancelledSession}/cancellation", new { reason = "Salle indisponible" }, Cancel)).StatusCode);

        _service.Clock.Advance(TimeSpan.FromDays(7));
        int[] presentSlots = [5, 4, 3, 4, 2];
        for (var slot = 0; slot < 5; slot++)
        {
            await _service.AttendAsync(session, slot, [.. learners.Select((member, i) => (enrolments[member], slot < presentSlots[i] ? "present" : "excused"))]);
        }

        await TestService<Program>.PostAsync(_service.Admin, $"/api/training/sessions/{session}/completion", new { }, HttpStatusCode.OK);
        string[] atEnd = ["permanent-contract", "job-seeking", "further-training", "unknown"];
        string[] atSix = ["fixed-term-contract", "business-creation", "inactive"];
        for (var i = 0; i < atEnd.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PutAsJsonAsync($"/api/training/enrolments/{enrolments[learners[i]]}/outcomes/end", new { outcome = atEnd[i] }, Cancel)).StatusCode);
        }

        for (var i = 0; i < atSix.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _service.Admin.PutAsJsonAsync($"/api/training/enrolments/{enrolments[learners[i]]}/outcomes/six-months", new { outcome = atSix[i] }, Cancel)).StatusCode);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await _service.Admin.GetFromJsonAsync<JsonObject>($"/api/training/figures?from={today}&to={until}", Cancel);

        var figures = Assert.Single(report!["courses"]!.AsArray())!;
        Assert.Equal(1, figures["sessions"]!.GetValue<int>());
        var f = figures["figures"]!;
        // 5 learners of a 10-hour session (the cancelled one does not count); hours attended 10 + 8 + 6 + 8 + 4.
        Assert.Equal(5, f["learners"]!.GetValue<int>());
        Assert.Equal(10m, f["hoursDelivered"]!.GetValue<decimal>());
        Assert.Equal(36m, f["learnerHours"]!.GetValue<decimal>());
        // L1, L2 and L4 reach 80 %.
        Assert.Equal(3, f["completed"]!.GetValue<int>());
        Assert.Equal(0.6, f["completionRate"]!.GetValue<double>());
        // At the end 2 positive of 4 recorded; at six months 2 of 3.
        Assert.Equal(4, f["outcomesAtEnd"]!.GetValue<int>());
        Assert.Equal(0.5, f["positiveExitRate"]!.GetValue<double>());
        Assert.Equal(0.667, f["positiveExitRateAtSixMonths"]!.GetValue<double>());
        // Shares among the 4 who consented: 2 women, 2 job seekers, 1 QPV resident, 1 recognised disability.
        Assert.Equal(4, f["consentedLearners"]!.GetValue<int>());
        Assert.Equal(0.5, f["womenShare"]!.GetValue<double>());
        Assert.Equal(0.5, f["jobSeekerShare"]!.GetValue<double>());
        Assert.Equal(0.25, f["priorityNeighbourhoodShare"]!.GetValue<double>());
        Assert.Equal(0.25, f["disabilityShare"]!.GetValue<double>());

        // The whole period as one cohort: every course's learners, completions, outcomes and consents together.
        var total = report["total"]!;
        foreach (var count in new[] { "learners", "completed", "outcomesAtEnd", "outcomesAtSixMonths", "consentedLearners" })
        {
            Assert.Equal(report["courses"]!.AsArray().Sum(course => course!["figures"]![count]!.GetValue<int>()), total[count]!.GetValue<int>());
        }

        var csv = await _service.Admin.GetStringAsync($"/api/training/figures/figures.csv?from={today}&to={until}", Cancel);
        Assert.Contains("formation,", csv, StringComparison.Ordinal);
        Assert.Contains("ensemble,,\"Toutes les sessions de la période\",", csv, StringComparison.Ordinal);
        Assert.Contains(",5,10,36,3,0.600,0.500,0.667,4,0.500,0.500,0.250,0.250", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sessions_trainer_records_its_attendance_other_members_and_places_may_not()
    {
        var trainer = Guid.NewGuid();
        var course = await _service.CourseAsync(_place);
        var session = await _service.SessionAsync(course, _place, capacity: 3, minimum: 0, _service.Slots(2), trainer);
        var learner = Guid.NewGuid();
        var enrolment = (await _service.EnrolAsync(session, learner))["id"]!.GetValue<Guid>();
        using var trainerClient = _service.As(_service.Tokens.Member(trainer));
        using var learnerClient = _service.As(_service.Tokens.Member(learner));
        using var otherPlace = _service.As(_service.Tokens.PlaceOperator(Guid.NewGuid()));
        var sheet = new { entries = new[] { new { enrolmentId = enrolment, status = "present" } } };

        await Problem.AssertAsync(await trainerClient.PutAsJsonAsync($"/api/training/sessions/{session}/slots/0/attendance", sheet, Cancel), HttpStatusCode.UnprocessableEntity);
        _service.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(10)));

        Assert.Equal(HttpStatusCode.OK, (await trainerClient.PutAsJsonAsync($"/api/training/sessions/{session}/slots/0/attendance", sheet, Cancel)).StatusCode);
        await Problem.AssertAsync(await learnerClient.PutAsJsonAsync($"/api/training/sessions/{session}/slots/0/attendance", sheet, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await otherPlace.PutAsJsonAsync($"/api/training/sessions/{session}/slots/0/attendance", sheet, Cancel), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await trainerClient.PutAsJsonAsync($"/api/training/sessions/{session}/slots/9/attendance", sheet, Cancel), HttpStatusCode.NotFound);
        var stranger = new { entries = new[] { new { enrolmentId = Guid.NewGuid(), status = "present" } } };
        await Problem.AssertAsync(await trainerClient.PutAsJsonAsync($"/api/training/sessions/{session}/slots/0/attendance", stranger, Cancel), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await otherPlace.PostAsJsonAsync("/api/training/sessions", new { courseId = course, placeId = _place, capacity = 2, slots = _service.Slots(1) }, Cancel), HttpStatusCode.Forbidden);
        var theirs = await otherPlace.GetFromJsonAsync<JsonObject>("/api/training/figures?from=2026-01-01&to=2030-12-31", Cancel);
        Assert.Empty(theirs!["sessions"]!.AsArray());
    }
}

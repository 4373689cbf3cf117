using System.Globalization;
using System.Text.Json.Nodes;
using TiersLieux.ServiceDefaults;
using TiersLieux.ServiceDefaults.Http;
using static TiersLieux.Web.Platform.FormValues;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The consoles' calls, as the signed-in operator or network team member (<see cref="SignedInGateway"/>): every
/// refusal the platform answers (another place's object, a rule) comes back to the page as it is.
/// </summary>
public sealed class ConsoleClient(SignedInGateway gateway)
{
    public Task<ConsoleAccount?> AccountAsync(Guid memberId, CancellationToken cancellationToken) =>
        gateway.GetAsync<ConsoleAccount>($"/api/membership/members/{memberId}/account", cancellationToken);

    public async Task<PagedResponse<MemberSummary>> MembersAsync(Guid placeId, string? search, int page, CancellationToken cancellationToken) =>
        await gateway.GetAsync<PagedResponse<MemberSummary>>(
            $"/api/membership/members?placeId={placeId}&page={page}&pageSize=25&search={Uri.EscapeDataString(search ?? "")}", cancellationToken)
        ?? new PagedResponse<MemberSummary>([], page, 25, 0);

    /// <summary>
    /// A page of the audit trail, newest first; membership keeps an operator to their places' entries. Days are Paris
    /// days, the last one included.
    /// </summary>
    public async Task<PagedResponse<AuditEntry>> AuditAsync(Guid? placeId, Guid? memberId, string? action, DateOnly? from, DateOnly? to, int page,
        CancellationToken cancellationToken)
    {
        var query = new List<string> { $"page={page}", "pageSize=50" };
        if (placeId is { } place)
        {
            query.Add($"placeId={place}");
        }

        if (memberId is { } member)
        {
            query.Add($"memberId={member}");
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            query.Add($"action={Uri.EscapeDataString(action)}");
        }

        if (from is { } first)
        {
            query.Add($"from={Uri.EscapeDataString(NetworkClock.StartOfDay(first).ToString("O", CultureInfo.InvariantCulture))}");
        }

        if (to is { } last)
        {
            query.Add($"to={Uri.EscapeDataString(NetworkClock.StartOfDay(last.AddDays(1)).ToString("O", CultureInfo.InvariantCulture))}");
        }

        return await gateway.GetAsync<PagedResponse<AuditEntry>>($"/api/membership/audit?{string.Join('&', query)}", cancellationToken)
            ?? new PagedResponse<AuditEntry>([], page, 50, 0);
    }

    public Task<MemberSummary?> MemberAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.GetAsync<MemberSummary>($"/api/membership/members/{id}", cancellationToken);

    public Task<PlatformAnswer<MemberSummary>> RegisterMemberAsync(Guid placeId, string? firstName, string? lastName, string? email, string? phone,
        CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSummary>(HttpMethod.Post, "/api/membership/members",
            new { firstName = Blank(firstName), lastName = Blank(lastName), email = Blank(email), phone = Blank(phone), placeIds = new[] { placeId } }, cancellationToken);

    public Task<PlatformAnswer<MemberSummary>> SuspendAsync(Guid memberId, string? reason, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSummary>(HttpMethod.Post, $"/api/membership/members/{memberId}/suspension", new { reason = Blank(reason) }, cancellationToken);

    public Task<PlatformAnswer<MemberSummary>> ReinstateAsync(Guid memberId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSummary>(HttpMethod.Delete, $"/api/membership/members/{memberId}/suspension", null, cancellationToken);

    public async Task<IReadOnlyList<MemberSubscription>> SubscriptionsAsync(Guid memberId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberSubscription>>($"/api/membership/members/{memberId}/subscriptions", cancellationToken) ?? [];

    /// <summary>The place's plans and the network pass (the plans a place's desk sells).</summary>
    public async Task<IReadOnlyList<MemberPlan>> PlansAsync(Guid placeId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberPlan>>($"/api/membership/plans?placeId={placeId}", cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberSubscription>> SellAsync(Guid memberId, Guid planId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSubscription>(HttpMethod.Post, "/api/membership/subscriptions", new { memberId, planId }, cancellationToken);

    public Task<PlatformAnswer<MemberSubscription>> RenewAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSubscription>(HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/renewal", new { }, cancellationToken);

    public Task<PlatformAnswer<MemberSubscription>> EndSubscriptionAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberSubscription>(HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/cancellation", new { }, cancellationToken);

    public async Task<IReadOnlyList<BookableResource>> ResourcesAsync(Guid placeId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<BookableResource>>($"/api/booking/resources?placeId={placeId}", cancellationToken) ?? [];

    public Task<PlatformAnswer<BookableResource>> AddResourceAsync(Guid placeId, string? name, string? kind, int? seats, int? slotMinutes, int? minMinutes,
        int? maxMinutes, int? maxDaysAhead, int? minNoticeMinutes, CancellationToken cancellationToken) =>
        gateway.SendAsync<BookableResource>(HttpMethod.Post, "/api/booking/resources",
            new { placeId, name = Blank(name), kind = Blank(kind), seats, slotMinutes, minMinutes, maxMinutes, maxDaysAhead, minNoticeMinutes }, cancellationToken);

    /// <summary>The place's bookings that overlap [from, to).</summary>
    public async Task<IReadOnlyList<MemberBooking>> BookingsAsync(Guid placeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberBooking>>(
            $"/api/booking/bookings?placeId={placeId}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}",
            cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberBooking>> MarkNoShowAsync(Guid bookingId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberBooking>(HttpMethod.Post, $"/api/booking/bookings/{bookingId}/no-show", new { }, cancellationToken);

    /// <summary>The place cancels a booking; the member is told, with the operator's <paramref name="note"/> when there is one.</summary>
    public Task<PlatformAnswer<MemberBooking>> CancelBookingAsync(Guid bookingId, string? note, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberBooking>(HttpMethod.Post, $"/api/booking/bookings/{bookingId}/cancellation", new { note = Blank(note) }, cancellationToken);

    public Task<PlaceCalendar?> PlaceCalendarAsync(Guid placeId, CancellationToken cancellationToken) =>
        gateway.GetAsync<PlaceCalendar>($"/api/booking/places/{placeId}", cancellationToken);

    /// <summary>Closes the place for a period: booking cancels the bookings it overlaps and tells their members.</summary>
    public Task<PlatformAnswer<ClosureAdded>> CloseAsync(Guid placeId, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? reason, CancellationToken cancellationToken) =>
        gateway.SendAsync<ClosureAdded>(HttpMethod.Post, $"/api/booking/places/{placeId}/closures", new { startsAt, endsAt, reason = Blank(reason) }, cancellationToken);

    public Task<PlatformAnswer<JsonNode>> ReopenAsync(Guid placeId, Guid closureId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Delete, $"/api/booking/places/{placeId}/closures/{closureId}", null, cancellationToken);

    public async Task<IReadOnlyList<Machine>> MachinesAsync(Guid placeId, CancellationToken cancellationToken) =>
        (await gateway.GetAsync<PagedResponse<Machine>>($"/api/equipment/machines?placeId={placeId}&pageSize=100", cancellationToken))?.Items ?? [];

    public Task<PlatformAnswer<JsonObject>> ReportIncidentAsync(Guid machineId, string? description, bool @unsafe, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonObject>(HttpMethod.Post, $"/api/equipment/machines/{machineId}/incidents", new { description = Blank(description), @unsafe }, cancellationToken);

    public Task<Machine?> MachineAsync(Guid machineId, CancellationToken cancellationToken) =>
        gateway.GetAsync<Machine>($"/api/equipment/machines/{machineId}", cancellationToken);

    /// <summary>Hours of use read on the machine's counter (or timed by hand), added to its total.</summary>
    public Task<PlatformAnswer<Machine>> RecordUsageAsync(Guid machineId, decimal? hours, CancellationToken cancellationToken) =>
        gateway.SendAsync<Machine>(HttpMethod.Post, $"/api/equipment/machines/{machineId}/usage", new { hours }, cancellationToken);

    public async Task<IReadOnlyList<MaintenancePlan>> MaintenancePlansAsync(Guid machineId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MaintenancePlan>>($"/api/equipment/machines/{machineId}/maintenance-plans", cancellationToken) ?? [];

    public Task<PlatformAnswer<MaintenancePlan>> AddMaintenancePlanAsync(Guid machineId, string? task, int? everyHours, int? everyDays, CancellationToken cancellationToken) =>
        gateway.SendAsync<MaintenancePlan>(HttpMethod.Post, $"/api/equipment/machines/{machineId}/maintenance-plans", new { task = Blank(task), everyHours, everyDays }, cancellationToken);

    public async Task<IReadOnlyList<MaintenanceEntry>> MaintenanceLogAsync(Guid machineId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MaintenanceEntry>>($"/api/equipment/machines/{machineId}/maintenance-log", cancellationToken) ?? [];

    public Task<PlatformAnswer<MaintenanceEntry>> LogMaintenanceAsync(Guid machineId, Guid? planId, string? work, string? parts, bool backInService,
        CancellationToken cancellationToken) =>
        gateway.SendAsync<MaintenanceEntry>(HttpMethod.Post, $"/api/equipment/machines/{machineId}/maintenance-log",
            new { planId, work = Blank(work), parts = Blank(parts), backInService }, cancellationToken);

    public async Task<IReadOnlyList<MachineIncident>> IncidentsAsync(Guid machineId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MachineIncident>>($"/api/equipment/machines/{machineId}/incidents", cancellationToken) ?? [];

    public Task<PlatformAnswer<JsonNode>> ResolveIncidentAsync(Guid incidentId, string? resolution, bool backInService, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Post, $"/api/equipment/incidents/{incidentId}/resolution", new { resolution = Blank(resolution), backInService }, cancellationToken);

    public Task<PlaceRecognition?> RecognitionAsync(Guid placeId, CancellationToken cancellationToken) =>
        gateway.GetAsync<PlaceRecognition>($"/api/equipment/places/{placeId}/recognition", cancellationToken);

    public Task<PlatformAnswer<PlaceRecognition>> SetRecognitionAsync(Guid placeId, string? mode, IReadOnlyList<Guid> acceptedPlaceIds, CancellationToken cancellationToken) =>
        gateway.SendAsync<PlaceRecognition>(HttpMethod.Put, $"/api/equipment/places/{placeId}/recognition", new { mode, acceptedPlaceIds }, cancellationToken);

    public async Task<IReadOnlyList<QualificationKind>> QualificationKindsAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<QualificationKind>>("/api/equipment/qualification-types", cancellationToken) ?? [];

    public async Task<IReadOnlyList<MemberQualification>> QualificationsOfAsync(Guid memberId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberQualification>>($"/api/equipment/qualifications?memberId={memberId}", cancellationToken) ?? [];

    /// <summary>Grants a qualification at the operator's place (the training or check-out the member passed there).</summary>
    public Task<PlatformAnswer<MemberQualification>> GrantQualificationAsync(Guid memberId, string? code, Guid placeId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberQualification>(HttpMethod.Post, "/api/equipment/qualifications", new { memberId, code = Blank(code), placeId }, cancellationToken);

    public Task<PlatformAnswer<MemberQualification>> RevokeQualificationAsync(Guid qualificationId, string? reason, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberQualification>(HttpMethod.Post, $"/api/equipment/qualifications/{qualificationId}/revocation", new { reason = Blank(reason) }, cancellationToken);

    /// <summary>Every place of the network, open or closed, by name (the directory's list, for the network team).</summary>
    public async Task<PagedResponse<PlaceDetails>> NetworkPlacesAsync(int page, string? department, CancellationToken cancellationToken) =>
        await gateway.GetAsync<PagedResponse<PlaceDetails>>(
            $"/api/directory/places?page={page}&pageSize=50{(department is null ? "" : $"&department={Uri.EscapeDataString(department)}")}", cancellationToken)
        ?? new PagedResponse<PlaceDetails>([], page, 50, 0);

    public Task<PlaceDetails?> PlaceAsync(Guid placeId, CancellationToken cancellationToken) =>
        gateway.GetAsync<PlaceDetails>($"/api/directory/places/{placeId}", cancellationToken);

    public Task<PlatformAnswer<PlaceDetails>> RegisterPlaceAsync(object body, CancellationToken cancellationToken) =>
        gateway.SendAsync<PlaceDetails>(HttpMethod.Post, "/api/directory/places", body, cancellationToken);

    /// <summary>Replaces the place's details, if it is still at <paramref name="version"/> (else a 412: someone saved first).</summary>
    public Task<PlatformAnswer<PlaceDetails>> UpdatePlaceAsync(Guid placeId, int version, object body, CancellationToken cancellationToken) =>
        gateway.SendAsync<PlaceDetails>(HttpMethod.Put, $"/api/directory/places/{placeId}", body, cancellationToken, ifMatch: $"\"{version.ToString(CultureInfo.InvariantCulture)}\"");

    /// <summary>Every event from today on, as far as the agenda accepts them (three years), cancelled ones included.</summary>
    public async Task<IReadOnlyList<NetworkEvent>> AgendaAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. ((await gateway.GetAsync<List<NetworkEvent>>(
            $"/api/directory/agenda?from={Uri.EscapeDataString(now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddDays(-1).AddYears(3).ToString("O", CultureInfo.InvariantCulture))}",
            cancellationToken)) ?? []).OrderBy(e => e.StartsAt)];

    public Task<PlatformAnswer<NetworkEvent>> ScheduleEventAsync(object body, CancellationToken cancellationToken) =>
        gateway.SendAsync<NetworkEvent>(HttpMethod.Post, "/api/directory/agenda", body, cancellationToken);

    /// <summary>Cancels an event: it stays in the agenda and its feed, marked cancelled.</summary>
    public Task<PlatformAnswer<JsonNode>> CancelEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Delete, $"/api/directory/agenda/{eventId}", null, cancellationToken);

    /// <summary>Membership's token keys (network team only).</summary>
    public async Task<IReadOnlyList<IdentityKey>> IdentityKeysAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<IdentityKey>>("/api/membership/identity-keys", cancellationToken) ?? [];

    /// <summary>A planned rotation of the token keys, or, for a leaked key, their replacement at once.</summary>
    public Task<PlatformAnswer<List<IdentityKey>>> RotateIdentityKeysAsync(bool compromised, CancellationToken cancellationToken) =>
        gateway.SendAsync<List<IdentityKey>>(HttpMethod.Post, "/api/membership/identity-keys/rotation", new { compromised }, cancellationToken);

    public async Task<IReadOnlyList<TrainingSession>> SessionsAsync(Guid placeId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<TrainingSession>>($"/api/training/sessions?placeId={placeId}", cancellationToken) ?? [];

    public Task<TrainingSession?> SessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        gateway.GetAsync<TrainingSession>($"/api/training/sessions/{sessionId}", cancellationToken);

    public Task<TrainingCourse?> CourseAsync(Guid courseId, CancellationToken cancellationToken) =>
        gateway.GetAsync<TrainingCourse>($"/api/training/courses/{courseId}", cancellationToken);

    public async Task<IReadOnlyList<MemberEnrolment>> EnrolmentsAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberEnrolment>>($"/api/training/sessions/{sessionId}/enrolments", cancellationToken) ?? [];

    /// <summary>The attendance sheet of one sitting (émargement): present, absent or excused per enrolment.</summary>
    public Task<PlatformAnswer<JsonNode>> RecordAttendanceAsync(Guid sessionId, int slot, IReadOnlyDictionary<Guid, string> statuses, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Put, $"/api/training/sessions/{sessionId}/slots/{slot}/attendance",
            new { entries = statuses.Select(s => new { enrolmentId = s.Key, status = s.Value }).ToArray() }, cancellationToken);

    public Task<PlatformAnswer<TrainingCourse>> CreateCourseAsync(object body, CancellationToken cancellationToken) =>
        gateway.SendAsync<TrainingCourse>(HttpMethod.Post, "/api/training/courses", body, cancellationToken);

    public Task<PlatformAnswer<TrainingSession>> ScheduleSessionAsync(object body, CancellationToken cancellationToken) =>
        gateway.SendAsync<TrainingSession>(HttpMethod.Post, "/api/training/sessions", body, cancellationToken);

    /// <summary>The place withdraws an enrolment; a seat freed goes to the first on the waiting list (who is told).</summary>
    public Task<PlatformAnswer<JsonNode>> CancelEnrolmentAsync(Guid enrolmentId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Post, $"/api/training/enrolments/{enrolmentId}/cancellation", null, cancellationToken);

    /// <summary>Where a learner of a long course or diploma stands at its end or six months later (funders' positive exits).</summary>
    public Task<PlatformAnswer<MemberEnrolment>> RecordOutcomeAsync(Guid enrolmentId, string stage, string outcome, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberEnrolment>(HttpMethod.Put, $"/api/training/enrolments/{enrolmentId}/outcomes/{stage}", new { outcome }, cancellationToken);

    public Task<PlatformAnswer<JsonNode>> CompleteSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Post, $"/api/training/sessions/{sessionId}/completion", new { }, cancellationToken);

    public Task<RegionalIndicators?> IndicatorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.GetAsync<RegionalIndicators>($"/api/directory/indicators?from={Day(from)}&to={Day(to)}", cancellationToken);

    /// <summary>The funders' CSV, as the directory writes it.</summary>
    public Task<byte[]?> IndicatorsCsvAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.ReadAsync($"/api/directory/indicators/indicators.csv?from={Day(from)}&to={Day(to)}",
            async response => (byte[]?)await response.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken);

    /// <summary>Training's figures for the sessions starting from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public Task<TrainingFigures?> TrainingFiguresAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.GetAsync<TrainingFigures>($"/api/training/figures?from={Day(from)}&to={Day(to)}", cancellationToken);

    /// <summary>The same as training writes it in CSV (one row per session, per course, then the period).</summary>
    public Task<byte[]?> TrainingFiguresCsvAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.ReadAsync($"/api/training/figures/figures.csv?from={Day(from)}&to={Day(to)}",
            async response => (byte[]?)await response.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken);

    /// <summary>A file in the national schema of digital-mediation places, sent to the directory as it is.</summary>
    public Task<PlatformAnswer<ImportReport>> ImportMediationPlacesAsync(Stream csv, CancellationToken cancellationToken)
    {
        var content = new StreamContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return gateway.SendContentAsync<ImportReport>(HttpMethod.Post, "/api/directory/open-data/mediation-numerique", content, cancellationToken);
    }

    public async Task<IReadOnlyList<LabelCampaign>> CampaignsAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<LabelCampaign>>("/api/directory/label-campaigns", cancellationToken) ?? [];

    public Task<LabelCampaign?> CampaignAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.GetAsync<LabelCampaign>($"/api/directory/label-campaigns/{id}", cancellationToken);

    public async Task<IReadOnlyList<LabelApplication>> ApplicationsAsync(Guid campaignId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<LabelApplication>>($"/api/directory/label-campaigns/{campaignId}/applications", cancellationToken) ?? [];

    /// <summary>The signed-in reviewer's scores (replacing theirs if they scored before).</summary>
    public Task<PlatformAnswer<LabelApplication>> ReviewAsync(Guid applicationId, IReadOnlyDictionary<string, int> scores, string? comment, CancellationToken cancellationToken) =>
        gateway.SendAsync<LabelApplication>(HttpMethod.Put, $"/api/directory/label-applications/{applicationId}/reviews/mine", new { scores, comment = Blank(comment) }, cancellationToken);

    public Task<PlatformAnswer<LabelApplication>> DecideAsync(Guid applicationId, string? outcome, string? note, CancellationToken cancellationToken) =>
        gateway.SendAsync<LabelApplication>(HttpMethod.Post, $"/api/directory/label-applications/{applicationId}/decision", new { outcome = Blank(outcome), note = Blank(note) }, cancellationToken);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

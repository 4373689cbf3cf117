using System.Globalization;
using System.Text.Json.Nodes;
using TiersLieux.ServiceDefaults.Http;

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

    public Task<PlatformAnswer<MemberBooking>> CancelBookingAsync(Guid bookingId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberBooking>(HttpMethod.Post, $"/api/booking/bookings/{bookingId}/cancellation", new { }, cancellationToken);

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

    public Task<PlatformAnswer<JsonNode>> CompleteSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonNode>(HttpMethod.Post, $"/api/training/sessions/{sessionId}/completion", new { }, cancellationToken);

    public Task<RegionalIndicators?> IndicatorsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.GetAsync<RegionalIndicators>($"/api/directory/indicators?from={Day(from)}&to={Day(to)}", cancellationToken);

    /// <summary>The funders' CSV, as the directory writes it.</summary>
    public Task<byte[]?> IndicatorsCsvAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        gateway.ReadAsync($"/api/directory/indicators/indicators.csv?from={Day(from)}&to={Day(to)}",
            async response => (byte[]?)await response.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken);

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

    /// <summary>An empty field is a missing one (named in the API's 422), not an empty value.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace TiersLieux.Web.Platform;

/// <summary>The member space's calls, as the signed-in member (<see cref="SignedInGateway"/>).</summary>
public sealed class MemberClient(SignedInGateway gateway)
{
    public async Task<IReadOnlyList<MemberSubscription>> SubscriptionsAsync(Guid memberId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberSubscription>>($"/api/membership/members/{memberId}/subscriptions", cancellationToken) ?? [];

    public Task<MemberPlan?> PlanAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.GetAsync<MemberPlan>($"/api/membership/plans/{id}", cancellationToken);

    public async Task<IReadOnlyList<KnownPlace>> KnownPlacesAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<KnownPlace>>("/api/membership/places", cancellationToken) ?? [];

    public async Task<MemberProfile?> ProfileAsync(Guid memberId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<JsonObject>($"/api/membership/members/{memberId}", cancellationToken) is { } json ? new MemberProfile(json) : null;

    /// <summary>Gives or withdraws the consent to funder reporting (withdrawn, the profile's answers are deleted).</summary>
    public Task<PlatformAnswer<JsonObject>> SetFunderConsentAsync(MemberProfile profile, bool consent, CancellationToken cancellationToken)
    {
        var json = profile.Json.DeepClone().AsObject();
        json["funderProfile"] = consent ? (profile.Json["funderProfile"]?.DeepClone() as JsonObject ?? []) : null;
        if (json["funderProfile"] is JsonObject given)
        {
            given["consent"] = true;
        }

        return gateway.SendAsync<JsonObject>(HttpMethod.Put, $"/api/membership/members/{json["id"]}", json, cancellationToken);
    }

    /// <summary>Everything membership holds about the member, as the JSON file they download.</summary>
    public async Task<byte[]> PersonalDataAsync(Guid memberId, CancellationToken cancellationToken) =>
        await gateway.ReadAsync($"/api/membership/members/{memberId}/personal-data", async response => (byte[]?)await response.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken)
        ?? throw new PlatformUnavailableException("The personal data could not be read.");

    public Task<PlatformAnswer<JsonObject>> EraseAsync(Guid memberId, CancellationToken cancellationToken) =>
        gateway.SendAsync<JsonObject>(HttpMethod.Delete, $"/api/membership/members/{memberId}", null, cancellationToken);

    public async Task<IReadOnlyList<MemberBooking>> BookingsAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberBooking>>("/api/booking/bookings", cancellationToken) ?? [];

    public Task<BookableResource?> ResourceAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.GetAsync<BookableResource>($"/api/booking/resources/{id}", cancellationToken);

    public async Task<IReadOnlyList<BookableResource>> ResourcesAsync(Guid placeId, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<BookableResource>>($"/api/booking/resources?placeId={placeId}", cancellationToken) ?? [];

    public async Task<IReadOnlyList<ResourceAvailability>> AvailabilityAsync(Guid placeId, string kind, DateOnly date, int days, CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<ResourceAvailability>>(
            $"/api/booking/availability?placeId={placeId}&kind={Uri.EscapeDataString(kind)}&date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&days={days}",
            cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberBooking>> BookAsync(Guid resourceId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberBooking>(HttpMethod.Post, "/api/booking/bookings", new { resourceId, startsAt, endsAt }, cancellationToken);

    public Task<PlatformAnswer<MemberBooking>> CancelBookingAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberBooking>(HttpMethod.Post, $"/api/booking/bookings/{id}/cancellation", new { }, cancellationToken);

    /// <summary>A new private address of the member's bookings as a calendar feed (the previous one stops working).</summary>
    public async Task<Uri> NewCalendarLinkAsync(CancellationToken cancellationToken)
    {
        var answer = await gateway.SendAsync<JsonObject>(HttpMethod.Post, "/api/booking/calendars/members/me/token", new { }, cancellationToken);
        return answer.Value?["url"]?.GetValue<string>() is { } url ? new Uri(url) : throw new PlatformUnavailableException("No calendar link came back.");
    }

    public async Task<IReadOnlyList<MemberEnrolment>> EnrolmentsAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberEnrolment>>("/api/training/enrolments", cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberEnrolment>> EnrolAsync(Guid sessionId, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberEnrolment>(HttpMethod.Post, $"/api/training/sessions/{sessionId}/enrolments", new { }, cancellationToken);

    public Task<PlatformAnswer<MemberEnrolment>> CancelEnrolmentAsync(Guid id, CancellationToken cancellationToken) =>
        gateway.SendAsync<MemberEnrolment>(HttpMethod.Post, $"/api/training/enrolments/{id}/cancellation", new { reason = "annulée par le membre" }, cancellationToken);

    public async Task<IReadOnlyList<MemberQualification>> QualificationsAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<List<MemberQualification>>("/api/equipment/qualifications", cancellationToken) ?? [];

    public async Task<Inbox> InboxAsync(CancellationToken cancellationToken) =>
        await gateway.GetAsync<Inbox>("/api/notifications/inbox?pageSize=10", cancellationToken) ?? new Inbox([], 0, 0);
}

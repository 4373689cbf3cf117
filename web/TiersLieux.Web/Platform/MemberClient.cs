using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The member space's calls, through the gateway with the signed-in member's access token
/// (<see cref="Account.AccessTokenHandler"/>). Reads answer null for a 404; a 401 means the session is over
/// (<see cref="SessionExpiredException"/>); a refusal (4xx) comes back as a <see cref="PlatformProblem"/>; anything
/// else is <see cref="PlatformUnavailableException"/>.
/// </summary>
public sealed class MemberClient(HttpClient http, ILogger<MemberClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<MemberSubscription>> SubscriptionsAsync(Guid memberId, CancellationToken cancellationToken) =>
        await GetAsync<List<MemberSubscription>>($"/api/membership/members/{memberId}/subscriptions", cancellationToken) ?? [];

    public Task<MemberPlan?> PlanAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<MemberPlan>($"/api/membership/plans/{id}", cancellationToken);

    public async Task<IReadOnlyList<KnownPlace>> KnownPlacesAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<KnownPlace>>("/api/membership/places", cancellationToken) ?? [];

    public async Task<MemberProfile?> ProfileAsync(Guid memberId, CancellationToken cancellationToken) =>
        await GetAsync<JsonObject>($"/api/membership/members/{memberId}", cancellationToken) is { } json ? new MemberProfile(json) : null;

    /// <summary>Gives or withdraws the consent to funder reporting (withdrawn, the profile's answers are deleted).</summary>
    public Task<PlatformAnswer<JsonObject>> SetFunderConsentAsync(MemberProfile profile, bool consent, CancellationToken cancellationToken)
    {
        var json = profile.Json.DeepClone().AsObject();
        json["funderProfile"] = consent ? (profile.Json["funderProfile"]?.DeepClone() as JsonObject ?? []) : null;
        if (json["funderProfile"] is JsonObject given)
        {
            given["consent"] = true;
        }

        return SendAsync<JsonObject>(HttpMethod.Put, $"/api/membership/members/{json["id"]}", json, cancellationToken);
    }

    /// <summary>Everything membership holds about the member, as the JSON file they download.</summary>
    public async Task<byte[]> PersonalDataAsync(Guid memberId, CancellationToken cancellationToken) =>
        await ReadAsync($"/api/membership/members/{memberId}/personal-data", async response => (byte[]?)await response.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken)
        ?? throw new PlatformUnavailableException("The personal data could not be read.");

    public Task<PlatformAnswer<JsonObject>> EraseAsync(Guid memberId, CancellationToken cancellationToken) =>
        SendAsync<JsonObject>(HttpMethod.Delete, $"/api/membership/members/{memberId}", null, cancellationToken);

    public async Task<IReadOnlyList<MemberBooking>> BookingsAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<MemberBooking>>("/api/booking/bookings", cancellationToken) ?? [];

    public Task<BookableResource?> ResourceAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<BookableResource>($"/api/booking/resources/{id}", cancellationToken);

    public async Task<IReadOnlyList<BookableResource>> ResourcesAsync(Guid placeId, CancellationToken cancellationToken) =>
        await GetAsync<List<BookableResource>>($"/api/booking/resources?placeId={placeId}", cancellationToken) ?? [];

    public async Task<IReadOnlyList<ResourceAvailability>> AvailabilityAsync(Guid placeId, string kind, DateOnly date, int days, CancellationToken cancellationToken) =>
        await GetAsync<List<ResourceAvailability>>(
            $"/api/booking/availability?placeId={placeId}&kind={Uri.EscapeDataString(kind)}&date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&days={days}",
            cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberBooking>> BookAsync(Guid resourceId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken) =>
        SendAsync<MemberBooking>(HttpMethod.Post, "/api/booking/bookings", new { resourceId, startsAt, endsAt }, cancellationToken);

    public Task<PlatformAnswer<MemberBooking>> CancelBookingAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<MemberBooking>(HttpMethod.Post, $"/api/booking/bookings/{id}/cancellation", new { }, cancellationToken);

    /// <summary>A new private address of the member's bookings as a calendar feed (the previous one stops working).</summary>
    public async Task<Uri> NewCalendarLinkAsync(CancellationToken cancellationToken)
    {
        var answer = await SendAsync<JsonObject>(HttpMethod.Post, "/api/booking/calendars/members/me/token", new { }, cancellationToken);
        return answer.Value?["url"]?.GetValue<string>() is { } url ? new Uri(url) : throw new PlatformUnavailableException("No calendar link came back.");
    }

    public async Task<IReadOnlyList<MemberEnrolment>> EnrolmentsAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<MemberEnrolment>>("/api/training/enrolments", cancellationToken) ?? [];

    public Task<PlatformAnswer<MemberEnrolment>> EnrolAsync(Guid sessionId, CancellationToken cancellationToken) =>
        SendAsync<MemberEnrolment>(HttpMethod.Post, $"/api/training/sessions/{sessionId}/enrolments", new { }, cancellationToken);

    public Task<PlatformAnswer<MemberEnrolment>> CancelEnrolmentAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<MemberEnrolment>(HttpMethod.Post, $"/api/training/enrolments/{id}/cancellation", new { reason = "annulée par le membre" }, cancellationToken);

    public async Task<IReadOnlyList<MemberQualification>> QualificationsAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<MemberQualification>>("/api/equipment/qualifications", cancellationToken) ?? [];

    public async Task<Inbox> InboxAsync(CancellationToken cancellationToken) =>
        await GetAsync<Inbox>("/api/notifications/inbox?pageSize=10", cancellationToken) ?? new Inbox([], 0, 0);

    private Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class =>
        ReadAsync(path, response => response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), cancellationToken);

    private async Task<T?> ReadAsync<T>(string path, Func<HttpResponseMessage, Task<T?>> read, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            ThrowIfOver(response, path);
            return await read(response);
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            logger.LogWarning(error, "The platform did not answer {Path}", path);
            throw new PlatformUnavailableException($"{path} did not answer.", error);
        }
    }

    private async Task<PlatformAnswer<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new PlatformAnswer<T>(response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
            }

            ThrowIfOver(response, path);
            return new PlatformAnswer<T>(null, await ProblemAsync(response, cancellationToken));
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            logger.LogWarning(error, "The platform did not answer {Method} {Path}", method, path);
            throw new PlatformUnavailableException($"{method} {path} did not answer.", error);
        }
    }

    /// <summary>401: the session is over. 5xx (a 503 from the gateway, a 504): the platform is down, whatever was asked.</summary>
    private static void ThrowIfOver(HttpResponseMessage response, string path)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new SessionExpiredException($"{path} answered 401.");
        }

        if ((int)response.StatusCode >= 500 || (response.StatusCode == HttpStatusCode.TooManyRequests))
        {
            throw new PlatformUnavailableException($"{path} answered {(int)response.StatusCode}.");
        }

        if (!response.IsSuccessStatusCode && response.RequestMessage?.Method == HttpMethod.Get)
        {
            throw new PlatformUnavailableException($"{path} answered {(int)response.StatusCode}.");
        }
    }

    private static async Task<PlatformProblem> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonObject? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            // Not problem+json: the status alone tells what happened.
        }

        var errors = problem?["errors"] is JsonObject fields
            ? fields.ToDictionary(field => field.Key, field => field.Value is JsonArray messages ? messages.Select(m => m?.ToString() ?? "").ToArray() : [field.Value?.ToString() ?? ""])
            : null;
        return new PlatformProblem((int)response.StatusCode, (string?)problem?["title"], (string?)problem?["detail"], (string?)problem?["rule"], errors);
    }

    private static bool IsUnavailable(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}

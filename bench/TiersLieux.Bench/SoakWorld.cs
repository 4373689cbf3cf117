using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Testing;
using TiersLieux.Testing.Security;

namespace TiersLieux.Bench;

/// <summary>A member of the soak: their token, and what they hold (bookings, an enrolment) to give back later.</summary>
internal sealed class SoakMember(Guid id, string email)
{
    public Guid Id { get; } = id;

    public string Email { get; } = email;

    public string Token { get; set; } = "";

    public ConcurrentQueue<Guid> Bookings { get; } = new();

    public Guid? Enrolment { get; set; }

    public Lock Gate { get; } = new();
}

/// <summary>
/// What the soak works on, made through the gateway as the network team would: a coworking place (no opening hours,
/// so every slot is bookable), a monthly pass, members holding it with a password, eight desks, a session of ten seats
/// a month ahead. Each operation answers its name, the status and, when the status was not one a real client expects,
/// what was wrong.
/// </summary>
internal sealed class SoakWorld
{
    private static readonly string[] Words = ["tiers-lieu", "fablab", "coworking", "numérique", "Narbonne", "atelier", "café", "Toulouse"];
    private readonly SoakBench _bench;
    private string _admin = "";

    private SoakWorld(SoakBench bench) => _bench = bench;

    public Guid Place { get; private set; }

    public IReadOnlyList<Guid> Desks { get; private set; } = [];

    public Guid Session { get; private set; }

    public IReadOnlyList<SoakMember> Members { get; private set; } = [];

    private string Gateway => _bench.Gateway;

    public static async Task<SoakWorld> BuildAsync(SoakBench bench, int memberCount)
    {
        var world = new SoakWorld(bench);
        await world.BuildAsync(memberCount);
        return world;
    }

    private async Task BuildAsync(int memberCount)
    {
        var secret = await _bench.ParameterAsync("network-console-secret");
        using (var token = await SoakBench.Client.PostAsync($"{Gateway}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "network-console", ["client_secret"] = secret, ["scope"] = "tierslieux-api",
        })))
        {
            token.EnsureSuccessStatusCode();
            _admin = (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        }

        Place = await CreatedAsync("/api/directory/places", SamplePlaces.Narbonne("Banc d'essai de la charge", "coworking"));
        // Membership, booking and training learn of the place from PlaceRegistered: each refuses it (422) until then.
        var plan = await CreatedAsync("/api/membership/plans", new { placeId = Place, name = "Pass coworking", kind = "monthly-coworking", priceCents = 9000, validityDays = 30 });
        var desks = new List<Guid>();
        for (var i = 1; i <= 8; i++)
        {
            desks.Add(await CreatedAsync("/api/booking/resources",
                new { placeId = Place, name = $"Poste {i}", kind = "desk", seats = 1, slotMinutes = 60, minMinutes = 60, maxMinutes = 480, minNoticeMinutes = 60 }));
        }

        Desks = desks;
        var course = await CreatedAsync("/api/training/courses",
            new { title = "Atelier de la charge", placeId = Place, kind = "short-workshop", durationHours = 3, qualificationCodes = Array.Empty<string>(), requiredAttendancePercent = 80 });
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(30).AddHours(8), TimeSpan.Zero);
        Session = await CreatedAsync("/api/training/sessions",
            new { courseId = course, placeId = Place, trainerName = "Nadia Ferrand", capacity = 10, minimum = 1, slots = new[] { new { startsAt, endsAt = startsAt.AddHours(3) } } });

        var members = new SoakMember[memberCount];
        using var parallel = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, memberCount).Select(async i =>
        {
            await parallel.WaitAsync();
            try
            {
                var email = $"charge.{i}.{Guid.NewGuid():N}@example.org";
                var id = await CreatedAsync("/api/membership/members", new { firstName = "Membre", lastName = $"Charge {i}", email, placeIds = new[] { Place } });
                await SendAsync(HttpMethod.Put, $"/api/membership/members/{id}/password", _admin, new { newPassword = SoakBench.Password }, HttpStatusCode.NoContent);
                await CreatedAsync("/api/membership/subscriptions", new { memberId = id, planId = plan });
                members[i] = new SoakMember(id, email) { Token = await SignInTokenAsync(email) };
            }
            finally
            {
                parallel.Release();
            }
        }));
        Members = members;

        // Booking and training learn of the pass and of the members from membership's events.
        foreach (var member in Members)
        {
            await UntilAsync(async () => (await BookOrCancelAsync(member)).Item2 == HttpStatusCode.Created, $"booking to take {member.Email}'s pass");
            await UntilAsync(async () => (await EnrolOrWithdrawAsync(member)).Item2 == HttpStatusCode.Created, $"training to know {member.Email}");
        }
    }

    public async Task<(string, HttpStatusCode, string?)> SearchAsync(Random random)
    {
        string word;
        lock (random)
        {
            word = Words[random.Next(Words.Length)];
        }

        return await CallAsync("search (anonymous)", HttpMethod.Get, $"/api/directory/places/search?q={Uri.EscapeDataString(word)}&pageSize=20", null, null, HttpStatusCode.OK);
    }

    public Task<(string, HttpStatusCode, string?)> ReadPlaceAsync() =>
        CallAsync("place page read (anonymous)", HttpMethod.Get, $"/api/directory/places/{Place}", null, null, HttpStatusCode.OK);

    public Task<(string, HttpStatusCode, string?)> AvailabilityAsync(SoakMember member) =>
        CallAsync("desks' availability, 7 days (member)", HttpMethod.Get,
            $"/api/booking/availability?placeId={Place}&kind=desk&date={DateTime.UtcNow.Date.AddDays(2):yyyy-MM-dd}&days=7", member.Token, null, HttpStatusCode.OK);

    /// <summary>Books a desk for an hour in the next three weeks, or, holding three, cancels the oldest.</summary>
    public async Task<(string, HttpStatusCode, string?)> BookOrCancelAsync(SoakMember member)
    {
        Guid? toCancel = null;
        lock (member.Gate)
        {
            if (member.Bookings.Count >= 3 && member.Bookings.TryDequeue(out var oldest))
            {
                toCancel = oldest;
            }
        }

        if (toCancel is { } booking)
        {
            return await CallAsync("booking cancelled (member)", HttpMethod.Post, $"/api/booking/bookings/{booking}/cancellation", member.Token, null, HttpStatusCode.OK);
        }

        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2 + Random.Shared.Next(21)).AddHours(6 + Random.Shared.Next(12)), TimeSpan.Zero);
        var desk = Desks[Random.Shared.Next(Desks.Count)];
        using var response = await SendRawAsync(HttpMethod.Post, "/api/booking/bookings", member.Token,
            new { resourceId = desk, memberId = member.Id, startsAt, endsAt = startsAt.AddHours(1) });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Created)
        {
            member.Bookings.Enqueue(JsonNode.Parse(body)!["id"]!.GetValue<Guid>());
            return ("booking made (member)", response.StatusCode, null);
        }

        // The desk taken at that hour, or the member busy elsewhere then: a refusal a real member meets, not an error.
        return ("booking made (member)", response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? null : body);
    }

    /// <summary>Enrols in the session (a seat or the waiting list), or withdraws from it.</summary>
    public async Task<(string, HttpStatusCode, string?)> EnrolOrWithdrawAsync(SoakMember member)
    {
        Guid? enrolment;
        lock (member.Gate)
        {
            enrolment = member.Enrolment;
            member.Enrolment = null;
        }

        if (enrolment is { } held)
        {
            return await CallAsync("enrolment withdrawn (member)", HttpMethod.Post, $"/api/training/enrolments/{held}/cancellation", member.Token, null, HttpStatusCode.OK);
        }

        using var response = await SendRawAsync(HttpMethod.Post, $"/api/training/sessions/{Session}/enrolments", member.Token, new { memberId = member.Id });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Created)
        {
            lock (member.Gate)
            {
                member.Enrolment = JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
            }

            return ("enrolment (member)", response.StatusCode, null);
        }

        return ("enrolment (member)", response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? null : body);
    }

    /// <summary>The sign-in page and the code flow with PKCE, as a frontend does it; the member's token is renewed.</summary>
    public async Task<(string, HttpStatusCode, string?)> SignInAsync(SoakMember member)
    {
        member.Token = await SignInTokenAsync(member.Email);
        return ("sign-in, code flow with PKCE", HttpStatusCode.OK, null);
    }

    private async Task<string> SignInTokenAsync(string email)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(Gateway + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = await CodeFlow.SignInAsync(browser, "demo-frontend", SoakBench.RedirectUri, email, SoakBench.Password);
        return token.AccessToken!;
    }

    private async Task<(string, HttpStatusCode, string?)> CallAsync(string name, HttpMethod method, string path, string? token, object? body, HttpStatusCode expected)
    {
        using var response = await SendRawAsync(method, path, token, body);
        return (name, response.StatusCode, response.StatusCode == expected ? null : await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? token, object? body)
    {
        using var request = new HttpRequestMessage(method, Gateway + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SoakBench.Client.SendAsync(request);
    }

    private async Task SendAsync(HttpMethod method, string path, string token, object body, HttpStatusCode expected)
    {
        using var response = await SendRawAsync(method, path, token, body);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>POSTs as the network team until created (a service that has not yet learnt of the place answers 422); the new id.</summary>
    private async Task<Guid> CreatedAsync(string path, object body)
    {
        string last = "";
        for (var attempt = 0; attempt < 240; attempt++)
        {
            using var response = await SendRawAsync(HttpMethod.Post, path, _admin, body);
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return JsonNode.Parse(last)!["id"]!.GetValue<Guid>();
            }

            if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
            {
                break;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"POST {path} was never created: {last}");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Waited 2 min for {what}."));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Web.Platform;

/// <summary>The platform's public reads (the directory's, training's), through the gateway, as the site needs them.</summary>
public sealed class PlatformClient(HttpClient http, IMemoryCache cache, ILogger<PlatformClient> logger)
{
    /// <summary>
    /// How long the reference lists every page shares (courses, places' names and network-pass acceptance, the
    /// network's plans) are reused: they change a few times a year, and reading them for each page doubled its time.
    /// </summary>
    public static readonly TimeSpan ReferenceLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the network's offer lists a place's page takes its part from (every place's machines, every place's
    /// plans) are reused: as long as a page (<see cref="PlaceSheet.Lifetime"/>), so an operator's new machine or plan
    /// shows within twice that time at most, while a place's first view reads neither equipment nor membership.
    /// </summary>
    public static readonly TimeSpan OfferLifetime = PlaceSheet.Lifetime;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One page of the places that match, in the directory's order (nearest first, best match, or by name), and how many match.</summary>
    public async Task<PagedResponse<PlaceSummary>> SearchAsync(PlaceSearch search, int page, int pageSize, CancellationToken cancellationToken) =>
        await GetAsync<PagedResponse<PlaceSummary>>($"/api/directory/places/search?{search.Query(page, pageSize)}", cancellationToken)
        ?? throw new PlatformUnavailableException("The directory's search answered nothing.");

    /// <summary>Every place that matches as a map marker, in one read.</summary>
    public async Task<PlaceMarkers> MarkersAsync(PlaceSearch search, CancellationToken cancellationToken) =>
        await GetAsync<PlaceMarkers>($"/api/directory/places/markers?{search.Filters()}", cancellationToken)
        ?? throw new PlatformUnavailableException("The directory's markers answered nothing.");

    /// <summary>How many active places match, without reading them.</summary>
    public async Task<int> CountAsync(PlaceSearch search, CancellationToken cancellationToken) =>
        (await GetAsync<PagedResponse<PlaceSummary>>($"/api/directory/places/search?{search.Query(1, 1)}", cancellationToken))?.TotalCount ?? 0;

    /// <summary>The place, or null when the directory has none with this id.</summary>
    public Task<PlaceDetails?> PlaceAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<PlaceDetails>($"/api/directory/places/{id}", cancellationToken);

    /// <summary>The agenda from now on, for a year (cancelled events included: the agenda says so).</summary>
    public async Task<IReadOnlyList<NetworkEvent>> AgendaAsync(CancellationToken cancellationToken) =>
        [.. ((await GetAsync<List<NetworkEvent>>("/api/directory/agenda", cancellationToken)) ?? []).OrderBy(e => e.StartsAt)];

    /// <summary>The certificate with this code, or null when there is none.</summary>
    public Task<Certificate?> CertificateAsync(string code, CancellationToken cancellationToken) =>
        GetAsync<Certificate>($"/api/training/certificates/{Uri.EscapeDataString(code)}", cancellationToken);

    /// <summary>The training catalogue: every course (network-wide and the places').</summary>
    public Task<IReadOnlyList<TrainingCourse>> CoursesAsync(CancellationToken cancellationToken) => CoursesAsync([], cancellationToken);

    /// <summary>The catalogue, read again when a course the page shows is not in the list kept (a course just created).</summary>
    public Task<IReadOnlyList<TrainingCourse>> CoursesAsync(IEnumerable<Guid> including, CancellationToken cancellationToken) =>
        ReferenceAsync<TrainingCourse>("/api/training/courses", course => course.Id, including, cancellationToken);

    /// <summary>Training sessions to come, with their seats taken; a place's only when given.</summary>
    public async Task<IReadOnlyList<TrainingSession>> SessionsAsync(Guid? placeId, CancellationToken cancellationToken) =>
        await GetAsync<List<TrainingSession>>(placeId is { } place ? $"/api/training/sessions?placeId={place}" : "/api/training/sessions", cancellationToken) ?? [];

    /// <summary>Every place's name (membership's public list, one call), and whether it accepts the network pass.</summary>
    public Task<IReadOnlyList<KnownPlace>> KnownPlacesAsync(CancellationToken cancellationToken) => KnownPlacesAsync([], cancellationToken);

    /// <summary>Every place's name, read again when a place the page shows is not in the list kept (a place just registered).</summary>
    public Task<IReadOnlyList<KnownPlace>> KnownPlacesAsync(IEnumerable<Guid> including, CancellationToken cancellationToken) =>
        ReferenceAsync<KnownPlace>("/api/membership/places", place => place.Id, including, cancellationToken);

    /// <summary>A place's machines (equipment's public list).</summary>
    public async Task<IReadOnlyList<Machine>> MachinesAsync(Guid placeId, CancellationToken cancellationToken) =>
        (await GetAsync<PagedResponse<Machine>>($"/api/equipment/machines?placeId={placeId}&pageSize=100", cancellationToken))?.Items ?? [];

    /// <summary>A place's machines, taken from every place's (equipment's public list, read a page of 100 at a time and kept <see cref="OfferLifetime"/>).</summary>
    public async Task<IReadOnlyList<Machine>> OfferedMachinesAsync(Guid placeId, CancellationToken cancellationToken)
    {
        var every = await OfferAsync("offer:machines", async () =>
        {
            const int pageSize = Paging.MaxPageSize;
            string Page(int page) => $"/api/equipment/machines?pageSize={pageSize}&page={page}";
            var first = await GetAsync<PagedResponse<Machine>>(Page(1), cancellationToken) ?? throw new PlatformUnavailableException("Equipment's machines answered nothing.");
            var rest = await Task.WhenAll(Enumerable.Range(2, Math.Max(0, (first.TotalCount - 1) / pageSize)).Select(page => GetAsync<PagedResponse<Machine>>(Page(page), cancellationToken)));
            // A machine registered between two pages moves the others by one: read again in 30 s, counted once now.
            return first.Items.Concat(rest.SelectMany(page => page?.Items ?? [])).DistinctBy(machine => machine.Id).ToLookup(machine => machine.PlaceId);
        });
        return [.. every[placeId]];
    }

    /// <summary>A place's plans, taken from every place's (membership's public list, one read kept <see cref="OfferLifetime"/>).</summary>
    public async Task<IReadOnlyList<MemberPlan>> OfferedPlansAsync(Guid placeId, CancellationToken cancellationToken)
    {
        var every = await OfferAsync("offer:plans", async () =>
            ((await GetAsync<List<MemberPlan>>("/api/membership/plans?everyPlace=true", cancellationToken)) ?? []).ToLookup(plan => plan.PlaceId));
        return [.. every[placeId]];
    }

    /// <summary>A place's plans, or the network's (the network pass) without a place (membership's public list).</summary>
    public async Task<IReadOnlyList<MemberPlan>> PlansAsync(Guid? placeId, CancellationToken cancellationToken) =>
        placeId is { } place
            ? await GetAsync<List<MemberPlan>>($"/api/membership/plans?placeId={place}", cancellationToken) ?? []
            : await ReferenceAsync<MemberPlan>("/api/membership/plans", plan => plan.Id, [], cancellationToken);

    /// <summary>Whether the place is open now by its hours (the directory decides, Paris time); null when it has not given them.</summary>
    public async Task<bool?> OpenNowAsync(Guid placeId, CancellationToken cancellationToken) =>
        (await GetAsync<OpenNow>($"/api/directory/places/{placeId}/open-now", cancellationToken))?.IsOpen;

    /// <summary>The agenda's next events (cancelled ones left out).</summary>
    public async Task<IReadOnlyList<NetworkEvent>> NextEventsAsync(int count, CancellationToken cancellationToken) =>
        [.. (await AgendaAsync(cancellationToken)).Where(e => !e.Cancelled).Take(count)];

    /// <summary>
    /// A reference list, read at most once per <see cref="ReferenceLifetime"/> (a failed read is not kept), and again
    /// at once when it lacks one of the ids a page needs.
    /// </summary>
    private async Task<IReadOnlyList<T>> ReferenceAsync<T>(string path, Func<T, Guid> id, IEnumerable<Guid> including, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(path, out IReadOnlyList<T>? kept) && kept is not null)
        {
            var needed = including.ToHashSet();
            if (needed.Count == 0 || needed.IsSubsetOf(kept.Select(id)))
            {
                return kept;
            }
        }

        IReadOnlyList<T> read = await GetAsync<List<T>>(path, cancellationToken) ?? [];
        return cache.Set(path, read, ReferenceLifetime);
    }

    /// <summary>One of the network's offer lists, read when not kept; a failed read is not kept (the next page tries again).</summary>
    private async Task<ILookup<TKey, TValue>> OfferAsync<TKey, TValue>(string key, Func<Task<ILookup<TKey, TValue>>> read)
    {
        if (cache.TryGetValue(key, out ILookup<TKey, TValue>? kept) && kept is not null)
        {
            return kept;
        }

        return cache.Set(key, await read(), OfferLifetime);
    }

    /// <summary>The answer's body; null for a 404; <see cref="PlatformUnavailableException"/> when the platform does not answer well.</summary>
    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PlatformUnavailableException($"{path} answered {(int)response.StatusCode}.");
            }

            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(error, "The platform did not answer {Path}", path);
            throw new PlatformUnavailableException($"{path} did not answer.", error);
        }
    }

}

namespace TiersLieux.Web.Platform;

/// <summary>
/// What a place's page shows beyond the directory: whether it is open now, its machines, its next training sessions,
/// and how to get a pass there. Each part is read on its own: one service down leaves the others on the page. Machines
/// and plans come from the network's lists the site keeps (<see cref="PlatformClient.OfferLifetime"/>), so a place's
/// first view makes three reads through the gateway (the place, open now, its sessions) rather than five.
/// </summary>
public sealed record PlaceOffer(
    bool? OpenNow,
    IReadOnlyList<Machine>? Machines,
    IReadOnlyList<(TrainingSession Session, string Course)>? Sessions,
    IReadOnlyList<MemberPlan>? Plans,
    bool? AcceptsNetworkPass,
    MemberPlan? NetworkPass)
{
    public static async Task<PlaceOffer> ReadAsync(PlatformClient platform, Guid placeId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var openNow = Try(() => platform.OpenNowAsync(placeId, cancellationToken));
        var machines = Try(() => platform.OfferedMachinesAsync(placeId, cancellationToken));
        var sessions = Try(async () =>
        {
            var upcoming = (await platform.SessionsAsync(placeId, cancellationToken))
                .Where(s => s.Status == "scheduled" && s.Slots.Count > 0 && s.Slots.Min(slot => slot.StartsAt) > clock.GetUtcNow())
                .OrderBy(s => s.Slots.Min(slot => slot.StartsAt)).Take(10).ToList();
            var titles = (await platform.CoursesAsync(upcoming.Select(s => s.CourseId), cancellationToken)).ToDictionary(c => c.Id, c => c.Title);
            return (IReadOnlyList<(TrainingSession, string)>)[.. upcoming.Select(s => (s, titles.GetValueOrDefault(s.CourseId, "Formation")))];
        });
        var plans = Try(() => platform.OfferedPlansAsync(placeId, cancellationToken));
        var networkPass = Try(async () =>
        {
            var places = platform.KnownPlacesAsync([placeId], cancellationToken);
            var network = await platform.PlansAsync(null, cancellationToken);
            return (AcceptsNetworkPass: (await places).FirstOrDefault(p => p.Id == placeId)?.AcceptsNetworkPass, NetworkPass: network.FirstOrDefault(p => p.Kind == "network-pass"));
        });
        var pass = await networkPass;
        return new PlaceOffer(await openNow, await machines, await sessions, await plans, pass.AcceptsNetworkPass, pass.NetworkPass);
    }

    private static async Task<T?> Try<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (PlatformUnavailableException)
        {
            return default;
        }
    }
}

using Microsoft.AspNetCore.Components;
using TiersLieux.Web.Components.Member;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Components.Console;

/// <summary>
/// A page of the consoles: the signed-in person's rights as membership states them (never guessed by the site), and
/// the place the page is about, which must be one they run. Another place's address answers "not found", exactly like
/// an address that does not exist: the console does not even confirm the place is there.
/// </summary>
public abstract class ConsolePageBase : MemberPageBase
{
    [Inject] protected ConsoleClient Platform { get; set; } = null!;

    [Inject] protected PlatformClient Public { get; set; } = null!;

    [CascadingParameter] protected HttpContext? Http { get; set; }

    protected ConsoleAccount Account { get; private set; } = new(Guid.Empty, [], []);

    /// <summary>The places the person runs, by name (every place for the network team), for the place selector.</summary>
    protected IReadOnlyList<KnownPlace> RunPlaces { get; private set; } = [];

    /// <summary>Neither a place's operator nor the network team: the consoles are not for them.</summary>
    protected bool NotStaff { get; private set; }

    /// <summary>The page names a place or an object the person does not run (or that does not exist): nothing of it is shown.</summary>
    protected bool NotFound { get; private set; }

    /// <summary>A form was sent while a service did not answer: nothing was done, and what was typed is still on the page.</summary>
    protected bool Unsent { get; private set; }

    /// <summary>The page's reads are done (a page rendered while they run shows nothing yet).</summary>
    private bool Loaded { get; set; }

    /// <summary>Whether the page may show its content.</summary>
    protected bool Shown => Loaded && Ready && !NotStaff && !NotFound;

    /// <summary>The network team's pages only.</summary>
    protected virtual bool NetworkTeamOnly => false;

    protected sealed override async Task LoadAsync()
    {
        Account = await Platform.AccountAsync(MemberId, CancellationToken.None) ?? Account;
        if (!(Account.IsNetworkTeam || (Account.IsOperator && !NetworkTeamOnly)))
        {
            NotStaff = true;
            SetStatus(StatusCodes.Status403Forbidden);
            return;
        }

        var places = await Public.KnownPlacesAsync([.. Account.OperatedPlaceIds, .. PlaceAsked is { } asked ? [asked] : Array.Empty<Guid>()], CancellationToken.None);
        RunPlaces = [.. places.Where(p => Account.Runs(p.Id)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        if (PlaceAsked is { } place && (!Account.Runs(place) || places.All(p => p.Id != place)))
        {
            // The network team may open a place membership does not list: one the directory registered a moment ago
            // (membership learns it from an event), or a closed one to reopen.
            if (!Account.IsNetworkTeam || await Public.PlaceAsync(place, CancellationToken.None) is not { } registered)
            {
                ShowNotFound();
                return;
            }

            RunPlaces = [.. RunPlaces, new KnownPlace(registered.Id, registered.Name, registered.Typology, false)];
        }

        await LoadConsoleAsync();
        Loaded = true;
    }

    /// <summary>What the last action did, or why it was refused: shown above the page's content (<c>ConsoleOutcome</c>).</summary>
    protected string? Outcome { get; private set; }

    protected bool OutcomeRefused { get; private set; }

    protected void Done(string message) => (Outcome, OutcomeRefused) = (message, false);

    protected void Refuse(string message) => (Outcome, OutcomeRefused) = (message, true);

    protected void Refuse(PlatformProblem problem) => Refuse(ConsoleWords.Refusal(problem));

    /// <summary>The action's answer told above the page, a refusal of any kind included.</summary>
    protected void Report(PlatformProblem? problem, string success)
    {
        if (problem is null)
        {
            Done(success);
        }
        else
        {
            Refuse(problem);
        }
    }

    /// <summary>As <see cref="Report"/>, but a refusal of fields (a 422) is left to the fields, where the form shows it.</summary>
    protected void Answered(PlatformProblem? problem, string success)
    {
        if (problem is null)
        {
            Done(success);
        }
        else if (problem.Errors is null)
        {
            Refuse(problem);
        }
    }

    /// <summary>The place in the page's address, if any (checked before <see cref="LoadConsoleAsync"/>).</summary>
    protected virtual Guid? PlaceAsked => null;

    /// <summary>The page's reads, once the person may see them.</summary>
    protected abstract Task LoadConsoleAsync();

    /// <summary>
    /// Runs a form's action. A service that does not answer leaves the page as it was, the form filled in as typed,
    /// with a message to try again (<see cref="Unsent"/>); an expired session is told as on every page.
    /// </summary>
    protected Task SubmitAsync(Func<Task> action) => CallAsync(async () =>
    {
        try
        {
            await action();
        }
        catch (PlatformUnavailableException)
        {
            Unsent = true;
        }
    });

    /// <summary>
    /// An object of another place (or none): the site's own "page introuvable" with its 404 (Blazor's not-found
    /// rendering), exactly as for an address that does not exist.
    /// </summary>
    protected void ShowNotFound()
    {
        NotFound = true;
        Navigation.NotFound();
    }

    protected string PlaceName(Guid placeId) => RunPlaces.FirstOrDefault(p => p.Id == placeId)?.Name ?? "ce lieu";

    /// <summary>The API's words for a field (its 422), shown next to the field.</summary>
    public static string? FieldError(PlatformProblem? problem, string field) =>
        problem?.Errors is { } errors && errors.TryGetValue(field, out var messages)
            ? string.Join(" ", messages.Select(message => ConsoleWords.FieldMessage(field, message)).Distinct())
            : null;

    private void SetStatus(int status)
    {
        if (Http is { Response.HasStarted: false } http)
        {
            // The page says it itself: the site's "page not found" must not be rendered over it in the same request.
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            http.Response.StatusCode = status;
        }
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TiersLieux.Web.Account;
using TiersLieux.Web.Platform;

namespace TiersLieux.Web.Components.Member;

/// <summary>
/// A page of the member space: who is signed in, and what happened to the platform calls, so the page shows a clear
/// message (the session expired, the platform is down) instead of failing.
/// </summary>
public abstract class MemberPageBase : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] protected MemberClient Member { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    [Inject] protected TimeProvider Clock { get; set; } = null!;

    protected Guid MemberId { get; private set; }

    protected string MemberName { get; private set; } = "";

    /// <summary>The platform no longer takes the member's token.</summary>
    protected bool SessionExpired { get; private set; }

    /// <summary>A service behind the gateway did not answer.</summary>
    protected bool Unavailable { get; private set; }

    /// <summary>Whether the page may show its content (signed in, and the platform answered).</summary>
    protected bool Ready => !SessionExpired && !Unavailable && MemberId != Guid.Empty;

    /// <summary>Where signing in again brings the member back: this page.</summary>
    protected string SignInAgain => $"/connexion/membre?{AccountEndpoints.ReturnParameter}={Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri))}";

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        if (user?.MemberId() is not { } memberId)
        {
            SessionExpired = true;
            return;
        }

        MemberId = memberId;
        MemberName = user.DisplayName();
        await CallAsync(LoadAsync);
    }

    /// <summary>The page's reads, once the member is known.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Runs platform calls, turning an expired session or a platform that is down into the page's message.</summary>
    protected async Task CallAsync(Func<Task> calls)
    {
        try
        {
            await calls();
        }
        catch (SessionExpiredException)
        {
            SessionExpired = true;
        }
        catch (PlatformUnavailableException)
        {
            Unavailable = true;
        }
    }
}

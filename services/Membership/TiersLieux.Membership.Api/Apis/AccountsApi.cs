using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Membership.Api.Apis;

/// <summary>
/// /api/membership/members/{id}/account, /password, /roles, /lockout: how a member signs in and what they may do.
/// A member sets their own password (giving the current one); an operator sets a first password for a member of
/// their place at the desk; the network team resets passwords and gives roles.
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/membership/members/{id:guid}").WithTags("Accounts").RequireAuthorization(PlatformPolicies.SignedIn);
        members.MapGet("/account", GetAccount).WithName("GetAccount").WithSummary("A member's roles, operated places and sign-in state.");
        members.MapPut("/password", SetPassword).WithName("SetPassword").WithSummary("Sets a member's password (hashed; the current one is required from the member).");
        members.MapPut("/roles", GrantRoles).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("GrantRoles")
            .WithSummary("Makes a member a place operator of some places, or one of the network team (network team only).");
        members.MapDelete("/lockout", Unlock).RequireAuthorization(PlatformPolicies.Operator).WithName("Unlock")
            .WithSummary("Lifts a lockout after repeated wrong passwords.");
        return members;
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccount(Guid id, MembershipDbContext db, Caller caller, CancellationToken cancellationToken) =>
        await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken) is null
            ? Problems.NotFound("Member", id)
            : TypedResults.Ok(AccountResponse.From(await FindOrNewAsync(db, id, cancellationToken)));

    public static async Task<Results<NoContent, ProblemHttpResult>> SetPassword(Guid id, PasswordRequest request, MembershipDbContext db, Caller caller,
        IPasswordHasher<Account> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        if (member.Status == MemberStatus.Erased)
        {
            return Problems.Conflict("The member was erased.", "An erased member never signs in again.");
        }

        var account = await FindOrNewAsync(db, id, cancellationToken, tracked: true);
        var now = clock.GetUtcNow();
        var byThemselves = caller.Is(id);
        if (!byThemselves && !caller.IsNetworkAdmin && account.PasswordHash is not null)
        {
            return Problems.Forbidden("Only the member, or the network team, changes a password once one is set.");
        }

        var errors = Account.ValidatePassword(request.NewPassword);
        if (byThemselves && account.PasswordHash is { } current)
        {
            var given = request.CurrentPassword ?? "";
            var matched = given.Length <= Account.MaxPasswordLength
                && hasher.VerifyHashedPassword(account, current, given) != PasswordVerificationResult.Failed;
            // A wrong current password counts towards the lockout, like a wrong sign-in.
            if (account.RecordSignIn(matched, now) != SignInOutcome.SignedIn)
            {
                await db.SaveChangesAsync(cancellationToken);
                errors.Add("currentPassword", account.IsLockedOut(now) ? "Too many wrong passwords: the account is locked for now." : "The current password is wrong.");
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!byThemselves)
        {
            db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.PasswordSetByAnother, "account", member.Id, member,
                account.PasswordHash is null ? "first password set for the member" : "password replaced by the network team", now));
        }

        account.SetPasswordHash(hasher.HashPassword(account, request.NewPassword!), now);

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GrantRoles(Guid id, RolesRequest request, MembershipDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await MembersApi.FindAsync(db, id, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        var errors = new Errors().Require("placeOperator", request.PlaceOperator).Require("networkAdmin", request.NetworkAdmin);
        var places = request.OperatedPlaceIds ?? [];
        var known = await db.Places.Where(p => places.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var unknown in places.Except(known))
        {
            errors.Add("operatedPlaceIds", $"No place of the network has id {unknown}.");
        }

        if (member.Status != MemberStatus.Active)
        {
            errors.Add("id", "Roles are given to active members only.");
        }

        var account = await FindOrNewAsync(db, id, cancellationToken, tracked: true);
        if (!errors.Any)
        {
            errors = account.GrantRoles(request.PlaceOperator!.Value, places, request.NetworkAdmin!.Value);
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.RolesChanged, "account", member.Id, member,
            "roles: " + string.Join(", ", account.Roles)
                + (account.OperatedPlaceIds.Count > 0 ? $"; operates {account.OperatedPlaceIds.Count} place(s)" : ""), now));
        db.AddIntegrationEvent(MembershipEvents.RolesChanged(account, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AccountResponse.From(account));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unlock(Guid id, MembershipDbContext db, Caller caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var member = await MembersApi.FindVisibleAsync(db, caller, id, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("Member", id);
        }

        var account = await FindOrNewAsync(db, id, cancellationToken, tracked: true);
        var now = clock.GetUtcNow();
        if (account.IsLockedOut(now))
        {
            db.AuditTrail.Add(AuditEntry.ByCaller(caller, AuditActions.LockoutLifted, "account", member.Id, member, "lockout lifted", now));
        }

        account.Unlock();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The member's account; a new one (added to the context when tracked) if they never had one.</summary>
    internal static async Task<Account> FindOrNewAsync(MembershipDbContext db, Guid memberId, CancellationToken cancellationToken, bool tracked = false)
    {
        var accounts = tracked ? db.Accounts : db.Accounts.AsNoTracking();
        if (await accounts.FirstOrDefaultAsync(a => a.MemberId == memberId, cancellationToken) is { } account)
        {
            return account;
        }

        account = Account.For(memberId);
        if (tracked)
        {
            db.Accounts.Add(account);
        }

        return account;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Apis;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Membership.Api.Infrastructure;
using TiersLieux.Membership.Api.IntegrationEvents;
using TiersLieux.Messaging;

namespace TiersLieux.Membership.Api.Demo;

/// <summary>
/// Demo data for trying the platform out: one network admin, an operator of IN'ESS (Grand Narbonne), three members
/// with subscriptions, IN'ESS's plans and the network pass, all created through the domain and the outbox like real
/// ones. It waits for IN'ESS to arrive from the directory (PlaceRegistered), then seeds once: the admin's email
/// already taken means it is done.
/// </summary>
internal sealed class DemoMembershipSeeder(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    IPasswordHasher<Account> hasher, TimeProvider clock, ILogger<DemoMembershipSeeder> logger) : BackgroundService
{
    public const string AdminEmail = "reseau@tierslieux-occitanie.example";
    public const string OperatorEmail = "operateur@iness.example";
    public static readonly string[] MemberEmails = ["lea.martin@example.org", "karim.benali@example.org", "sophie.roux@example.org"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TrySeedAsync(demo, stoppingToken))
                {
                    return;
                }
            }
            catch (Exception error) when (error is DbUpdateException or InvalidOperationException)
            {
                // A replica seeding at the same moment, or the database restarting: look again shortly.
                logger.LogWarning(error, "Demo data not seeded yet; trying again.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
        }
    }

    /// <summary>False while the demo place is not known yet.</summary>
    private async Task<bool> TrySeedAsync(DemoOptions demo, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        if (await db.Members.AnyAsync(m => m.NormalisedEmail == AdminEmail, cancellationToken))
        {
            return true;
        }

        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Name == demo.PlaceName, cancellationToken);
        if (place is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var admin = Person(db, "Équipe", "Réseau", AdminEmail, place.Id, demo.AdminPassword, now);
        admin.Account.GrantRoles(placeOperator: false, [], networkAdmin: true);
        var operatorOfIness = Person(db, "Nadia", "Ferrand", OperatorEmail, place.Id, demo.OperatorPassword, now);
        operatorOfIness.Account.GrantRoles(placeOperator: true, [place.Id], networkAdmin: false);
        db.AddIntegrationEvent(MembershipEvents.RolesChanged(admin.Account, now), clock);
        db.AddIntegrationEvent(MembershipEvents.RolesChanged(operatorOfIness.Account, now), clock);
        var members = new[] { ("Léa", "Martin"), ("Karim", "Benali"), ("Sophie", "Roux") }
            .Select((name, i) => Person(db, name.Item1, name.Item2, MemberEmails[i], place.Id, demo.MemberPassword, now).Member)
            .ToList();

        var dayPass = Plan(db, place.Id, "Journée coworking", PlanKind.DayPass, 1500, 1, new() { ["desk"] = 8 }, now);
        Plan(db, place.Id, "Carnet de 10 heures de salle", PlanKind.HourPack, 9000, 90, new() { ["meeting-room"] = 10 }, now);
        var monthly = Plan(db, place.Id, "Coworking au mois", PlanKind.MonthlyCoworking, 18000, 30, new() { ["desk"] = 160, ["meeting-room"] = 4 }, now);
        var fablab = Plan(db, place.Id, "Adhésion fablab à l'année", PlanKind.AnnualFablab, 6000, 365, new() { ["machine"] = 20 }, now);
        var networkPass = Plan(db, null, "Pass réseau Occitanie", PlanKind.NetworkPass, 4500, 30, new() { ["desk"] = 40 }, now);
        var networkPassPlaces = await SubscriptionsApi.NetworkPassPlacesAsync(db, cancellationToken);
        foreach (var (member, plan) in new[] { (members[0], monthly), (members[1], fablab), (members[2], networkPass), (members[2], dayPass) })
        {
            var subscription = Subscription.Start(member, plan, now, now);
            db.Subscriptions.Add(subscription);
            db.AddIntegrationEvent(MembershipEvents.Activated(subscription, plan, networkPassPlaces, now), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: network admin {Admin}, operator of {Place} {Operator}, members {Members}.",
            AdminEmail, demo.PlaceName, OperatorEmail, string.Join(", ", MemberEmails));
        return true;
    }

    private (Member Member, Account Account) Person(MembershipDbContext db, string firstName, string lastName, string email, Guid placeId, string password, DateTimeOffset now)
    {
        var (member, errors) = Member.Register(new MemberDetails(firstName, lastName, email, null, null, [placeId], null), now);
        if (member is null || string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Demo member {email} is invalid or has no password: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
        }

        var account = Account.For(member.Id);
        account.SetPasswordHash(hasher.HashPassword(account, password), now);
        db.Members.Add(member);
        db.Accounts.Add(account);
        db.AddIntegrationEvent(MembershipEvents.Registered(member, now), clock);
        return (member, account);
    }

    private static Plan Plan(MembershipDbContext db, Guid? placeId, string name, PlanKind kind, int priceCents, int validityDays, Dictionary<string, int> hours, DateTimeOffset now)
    {
        var (plan, errors) = Domain.Plan.Create(placeId, name, kind, priceCents, validityDays, hours, now);
        if (plan is null)
        {
            throw new InvalidOperationException($"Demo plan {name} is invalid: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
        }

        db.Plans.Add(plan);
        return plan;
    }
}

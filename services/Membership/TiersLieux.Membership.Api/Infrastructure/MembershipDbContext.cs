using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Messaging;

namespace TiersLieux.Membership.Api.Infrastructure;

public sealed class MembershipDbContext(DbContextOptions<MembershipDbContext> options) : DbContext(options)
{
    public const string Schema = "membership";

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<KnownPlace> Places => Set<KnownPlace>();

    /// <summary>The network's audit trail: append-only (see AuditEntryConfiguration).</summary>
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    public DbSet<Identity.IdentityKey> IdentityKeys => Set<Identity.IdentityKey>();

    public DbSet<Identity.DataProtectionKey> DataProtectionKeys => Set<Identity.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        // OpenIddict's applications, authorizations, scopes and tokens, in this schema.
        modelBuilder.UseOpenIddict();
    }
}

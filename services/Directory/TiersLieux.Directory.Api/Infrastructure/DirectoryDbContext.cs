using Microsoft.EntityFrameworkCore;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Messaging;

namespace TiersLieux.Directory.Api.Infrastructure;

public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public const string Schema = "directory";

    /// <summary>French text search with accents folded (unaccent, then the French stemmer), created by the migration.</summary>
    public const string FrenchSearch = "french_unaccent";

    public DbSet<Place> Places => Set<Place>();

    public DbSet<LabelCampaign> LabelCampaigns => Set<LabelCampaign>();

    public DbSet<LabelApplication> LabelApplications => Set<LabelApplication>();

    public DbSet<NetworkEvent> NetworkEvents => Set<NetworkEvent>();

    public DbSet<MemberTally> MemberTallies => Set<MemberTally>();

    public DbSet<SubscriptionTally> SubscriptionTallies => Set<SubscriptionTally>();

    public DbSet<UsageTally> UsageTallies => Set<UsageTally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("unaccent");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DirectoryDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

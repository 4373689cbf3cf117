using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TiersLieux.Messaging;

namespace TiersLieux.Testing.Messaging;

/// <summary>A consumer's own database, as every consuming service has one: its effects, its inbox, its outbox.</summary>
public sealed class PlaceEffectsDbContext(DbContextOptions<PlaceEffectsDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "effectsdb";

    public DbSet<PlaceEffect> Effects => Set<PlaceEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("effects");
        modelBuilder.Entity<PlaceEffect>(effect =>
        {
            effect.HasKey(e => e.PlaceId);
            effect.Property(e => e.Name).HasMaxLength(200);
            effect.Property(e => e.TraceId).HasMaxLength(32);
        });
        modelBuilder.AddInbox();
        modelBuilder.AddOutbox();
    }
}

internal sealed class PlaceEffectsDbContextFactory : IDesignTimeDbContextFactory<PlaceEffectsDbContext>
{
    public PlaceEffectsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PlaceEffectsDbContext>().UseNpgsql("Host=localhost;Database=effectsdb").Options);
}

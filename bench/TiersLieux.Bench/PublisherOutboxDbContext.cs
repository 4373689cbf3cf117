using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;

namespace TiersLieux.Bench;

/// <summary>directory-api's outbox table and nothing else: the drain bench writes its events there in one transaction.</summary>
internal sealed class PublisherOutboxDbContext(DbContextOptions<PublisherOutboxDbContext> options) : DbContext(options)
{
    public static PublisherOutboxDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<PublisherOutboxDbContext>().UseNpgsql(connectionString).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("directory");
        modelBuilder.AddOutbox();
    }
}

using Microsoft.EntityFrameworkCore;

namespace TiersLieux.Messaging;

public static class OutboxModelBuilderExtensions
{
    /// <summary>Adds the outbox table to a service's model, in that service's schema.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(message => message.Sequence);
            outbox.Property(message => message.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(message => message.MessageType).HasMaxLength(500);
            outbox.Property(message => message.Body).HasColumnType("jsonb");
            outbox.Property(message => message.TraceParent).HasMaxLength(100);
            outbox.Property(message => message.LastError).HasMaxLength(2000);
            outbox.Property(message => message.SentBy).HasMaxLength(100);
            outbox.HasIndex(message => message.MessageId).IsUnique();
            // The dispatcher's query: unsent rows in order; the partial index stays small however many were sent.
            outbox.HasIndex(message => message.Sequence).HasFilter("\"SentAt\" IS NULL").HasDatabaseName("IX_OutboxMessages_Unsent");
            outbox.HasIndex(message => message.SentAt);
        });
        return modelBuilder;
    }

    /// <summary>Adds the inbox table (messages applied by this service's consumers) to a service's model.</summary>
    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("InboxMessages");
            inbox.HasKey(message => new { message.MessageId, message.Consumer });
            inbox.Property(message => message.Consumer).HasMaxLength(300);
            inbox.HasIndex(message => message.ProcessedAt);
        });
        return modelBuilder;
    }

    /// <summary>Records an integration event to publish once the current SaveChanges commits.</summary>
    public static void AddIntegrationEvent<TEvent>(this DbContext db, TEvent integrationEvent, TimeProvider? clock = null)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<OutboxMessage>().Add(OutboxMessage.Create(integrationEvent, (clock ?? TimeProvider.System).GetUtcNow()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditTrail");
        // Insert and read only, for the service's own login: PostgreSQL refuses it an update, a delete, a truncate.
        entry.IsAppendOnly();
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Service).HasMaxLength(20);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.ActorSubject).HasMaxLength(100);
        entry.Property(e => e.ActorRole).HasMaxLength(20);
        entry.Property(e => e.ObjectType).HasMaxLength(40);
        entry.Property(e => e.ObjectId).HasMaxLength(100);
        entry.Property(e => e.Outcome).HasMaxLength(200);
        entry.HasIndex(e => e.OccurredAt);
        entry.HasIndex(e => new { e.MemberId, e.OccurredAt });
        entry.HasIndex(e => new { e.ActorSubject, e.OccurredAt });
        // An operator's read: entries whose places overlap theirs.
        entry.HasIndex(e => e.PlaceIds).HasMethod("gin");
    }
}

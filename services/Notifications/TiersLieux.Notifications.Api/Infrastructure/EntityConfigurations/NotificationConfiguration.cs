using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable("Notifications");
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Id).ValueGeneratedNever();
        notification.Property(n => n.Sequence).UseIdentityAlwaysColumn();
        notification.Property(n => n.Kind).HasMaxLength(64);
        notification.Property(n => n.Category).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.Subject).HasMaxLength(300);
        notification.Property(n => n.Link).HasMaxLength(2000);
        // Once per event, recipient and kind, whatever delivers the event twice: the database says no to a second.
        notification.HasIndex(n => new { n.SourceMessageId, n.MemberId, n.Kind }).IsUnique();
        // The inbox: a member's newest first, and their unread count.
        notification.HasIndex(n => new { n.MemberId, n.Sequence });
        notification.HasOne<Recipient>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> mail)
    {
        mail.ToTable("OutgoingMails");
        mail.HasKey(m => m.Id);
        mail.Property(m => m.Id).ValueGeneratedNever();
        mail.Property(m => m.To).HasMaxLength(320);
        mail.Property(m => m.ToName).HasMaxLength(200);
        mail.Property(m => m.Subject).HasMaxLength(300);
        mail.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        mail.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        mail.Property(m => m.Category).HasConversion<string>().HasMaxLength(32);
        mail.Property(m => m.UnsubscribeToken).HasMaxLength(64);
        mail.HasIndex(m => m.UnsubscribeToken).IsUnique().HasFilter("\"UnsubscribeToken\" IS NOT NULL");
        mail.Property(m => m.LastError).HasMaxLength(1000);
        // The queue: what is due, oldest first (a partial index, so that years of sent mail do not slow it).
        mail.HasIndex(m => m.NextAttemptAt).HasFilter("\"Status\" = 'Queued'");
        mail.HasOne<Notification>().WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

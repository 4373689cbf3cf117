using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> reminder)
    {
        reminder.ToTable("Reminders");
        reminder.HasKey(r => new { r.SubjectId, r.Kind });
        reminder.Property(r => r.Kind).HasMaxLength(32);
        reminder.Property(r => r.Detail).HasMaxLength(200);
        // What is due and not sent, in order.
        reminder.HasIndex(r => r.DueAt).HasFilter("\"SentAt\" IS NULL");
        reminder.HasIndex(r => r.MemberId);
    }
}

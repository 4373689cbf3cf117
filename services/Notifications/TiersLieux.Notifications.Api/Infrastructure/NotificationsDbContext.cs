using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string Schema = "notifications";

    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<NotificationPlace> Places => Set<NotificationPlace>();

    public DbSet<NotificationCourse> Courses => Set<NotificationCourse>();

    public DbSet<NotificationMachine> Machines => Set<NotificationMachine>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();

    public DbSet<EmailOptOut> EmailOptOuts => Set<EmailOptOut>();

    public DbSet<Reminder> Reminders => Set<Reminder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
        modelBuilder.AddInbox();
    }
}

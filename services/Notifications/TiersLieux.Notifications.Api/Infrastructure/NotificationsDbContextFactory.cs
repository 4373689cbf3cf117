using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TiersLieux.Notifications.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only: building a migration needs the model, not a server.</summary>
internal sealed class NotificationsDbContextFactory : IDesignTimeDbContextFactory<NotificationsDbContext>
{
    public NotificationsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDbContext>().UseNpgsql("Host=localhost;Database=notificationsdb").Options);
}

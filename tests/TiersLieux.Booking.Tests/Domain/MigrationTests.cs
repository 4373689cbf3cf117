using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Infrastructure;

namespace TiersLieux.Booking.Tests.Domain;

public sealed class MigrationTests
{
    [Fact]
    public void The_committed_migrations_describe_the_current_model()
    {
        using var db = new BookingDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
    }
}

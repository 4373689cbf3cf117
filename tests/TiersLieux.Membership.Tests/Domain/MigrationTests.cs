using Microsoft.EntityFrameworkCore;
using TiersLieux.Membership.Api.Infrastructure;

namespace TiersLieux.Membership.Tests.Domain;

public sealed class MigrationTests
{
    [Fact]
    public void The_committed_migrations_describe_the_current_model()
    {
        using var db = new MembershipDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
    }
}

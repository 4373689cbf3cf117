using Microsoft.EntityFrameworkCore;
using TiersLieux.Training.Api.Infrastructure;

namespace TiersLieux.Training.Tests.Domain;

public sealed class MigrationTests
{
    [Fact]
    public void The_committed_migrations_describe_the_current_model()
    {
        using var db = new TrainingDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TiersLieux.Training.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only: building a migration needs the model, not a server.</summary>
internal sealed class TrainingDbContextFactory : IDesignTimeDbContextFactory<TrainingDbContext>
{
    public TrainingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrainingDbContext>().UseNpgsql("Host=localhost;Database=trainingdb").Options);
}

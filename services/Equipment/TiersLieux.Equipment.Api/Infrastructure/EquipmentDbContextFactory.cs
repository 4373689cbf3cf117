using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TiersLieux.Equipment.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only: building a migration needs the model, not a server.</summary>
internal sealed class EquipmentDbContextFactory : IDesignTimeDbContextFactory<EquipmentDbContext>
{
    public EquipmentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EquipmentDbContext>().UseNpgsql("Host=localhost;Database=equipmentdb").Options);
}

using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Messaging;

namespace TiersLieux.Equipment.Api.Infrastructure;

public sealed class EquipmentDbContext(DbContextOptions<EquipmentDbContext> options) : DbContext(options)
{
    public const string Schema = "equipment";

    public DbSet<Machine> Machines => Set<Machine>();

    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();

    public DbSet<MaintenanceRecord> MaintenanceLog => Set<MaintenanceRecord>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<QualificationType> QualificationTypes => Set<QualificationType>();

    public DbSet<Qualification> Qualifications => Set<Qualification>();

    public DbSet<EquipmentPlace> Places => Set<EquipmentPlace>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EquipmentDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

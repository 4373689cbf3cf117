using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

internal sealed class MaintenanceRecordConfiguration : IEntityTypeConfiguration<MaintenanceRecord>
{
    public void Configure(EntityTypeBuilder<MaintenanceRecord> record)
    {
        record.ToTable("MaintenanceLog");
        record.HasKey(r => r.Id);
        record.Property(r => r.Id).ValueGeneratedNever();
        record.Property(r => r.PerformedBy).HasMaxLength(200);
        record.Property(r => r.Work).HasMaxLength(4000);
        record.Property(r => r.Parts).HasMaxLength(1000);
        record.Property(r => r.UsageHours).HasPrecision(12, 2);
        record.HasOne<Machine>().WithMany().HasForeignKey(r => r.MachineId).OnDelete(DeleteBehavior.Cascade);
        record.HasIndex(r => new { r.MachineId, r.PerformedAt });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

internal sealed class MachineConfiguration : IEntityTypeConfiguration<Machine>
{
    public void Configure(EntityTypeBuilder<Machine> machine)
    {
        machine.ToTable("Machines", table =>
        {
            table.HasCheckConstraint("CK_Machines_UsageHours", "\"UsageHours\" >= 0");
            table.HasCheckConstraint("CK_Machines_HourlyCost", "\"HourlyCostCents\" >= 0");
        });
        machine.HasKey(m => m.Id);
        machine.Property(m => m.Id).ValueGeneratedNever();
        machine.Property(m => m.Name).HasMaxLength(200);
        machine.Property(m => m.Category).HasConversion<string>().HasMaxLength(32);
        machine.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        machine.Property(m => m.Make).HasMaxLength(100);
        machine.Property(m => m.Model).HasMaxLength(100);
        machine.Property(m => m.Description).HasMaxLength(4000);
        machine.Property(m => m.SafetyNotes).HasMaxLength(4000);
        machine.Property(m => m.RequiredQualification).HasMaxLength(40);
        machine.Property(m => m.UsageHours).HasPrecision(12, 2);
        machine.Property(m => m.Version).IsConcurrencyToken();
        machine.Ignore(m => m.IsAvailable);
        machine.HasOne<EquipmentPlace>().WithMany().HasForeignKey(m => m.PlaceId).OnDelete(DeleteBehavior.Restrict);
        machine.HasIndex(m => new { m.PlaceId, m.Category });
    }
}

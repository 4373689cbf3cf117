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

internal sealed class MaintenancePlanConfiguration : IEntityTypeConfiguration<MaintenancePlan>
{
    public void Configure(EntityTypeBuilder<MaintenancePlan> plan)
    {
        plan.ToTable("MaintenancePlans");
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Id).ValueGeneratedNever();
        plan.Property(p => p.Task).HasMaxLength(300);
        plan.Property(p => p.LastDoneAtHours).HasPrecision(12, 2);
        plan.HasOne<Machine>().WithMany().HasForeignKey(p => p.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.ToTable("Incidents");
        incident.HasKey(i => i.Id);
        incident.Property(i => i.Id).ValueGeneratedNever();
        incident.Property(i => i.ReportedBy).HasMaxLength(200);
        incident.Property(i => i.Description).HasMaxLength(4000);
        incident.Property(i => i.Resolution).HasMaxLength(4000);
        incident.HasOne<Machine>().WithMany().HasForeignKey(i => i.MachineId).OnDelete(DeleteBehavior.Cascade);
        incident.HasIndex(i => i.ReportedBy);
    }
}

internal sealed class QualificationTypeConfiguration : IEntityTypeConfiguration<QualificationType>
{
    public void Configure(EntityTypeBuilder<QualificationType> type)
    {
        type.ToTable("QualificationTypes");
        type.HasKey(t => t.Code);
        type.Property(t => t.Code).HasMaxLength(40);
        type.Property(t => t.Name).HasMaxLength(200);
    }
}

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> qualification)
    {
        qualification.ToTable("Qualifications");
        qualification.HasKey(q => q.Id);
        qualification.Property(q => q.Id).ValueGeneratedNever();
        qualification.Property(q => q.Code).HasMaxLength(40);
        qualification.Property(q => q.Source).HasConversion<string>().HasMaxLength(16);
        qualification.Property(q => q.GrantedBy).HasMaxLength(200);
        qualification.Property(q => q.RevocationReason).HasMaxLength(500);
        qualification.HasOne<QualificationType>().WithMany().HasForeignKey(q => q.Code).OnDelete(DeleteBehavior.Restrict);
        qualification.HasIndex(q => new { q.MemberId, q.Code });
    }
}

internal sealed class EquipmentPlaceConfiguration : IEntityTypeConfiguration<EquipmentPlace>
{
    public void Configure(EntityTypeBuilder<EquipmentPlace> place)
    {
        place.ToTable("Places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(200);
        place.Property(p => p.Recognition).HasConversion<string>().HasMaxLength(16);
        place.Property(p => p.AcceptedPlaceIds).HasColumnType("uuid[]");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

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

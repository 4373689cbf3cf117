using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

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

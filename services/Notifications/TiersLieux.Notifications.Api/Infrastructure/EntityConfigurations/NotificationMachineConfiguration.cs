using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class NotificationMachineConfiguration : IEntityTypeConfiguration<NotificationMachine>
{
    public void Configure(EntityTypeBuilder<NotificationMachine> machine)
    {
        machine.ToTable("Machines");
        machine.HasKey(m => m.Id);
        machine.Property(m => m.Id).ValueGeneratedNever();
        machine.Property(m => m.Name).HasMaxLength(200);
    }
}

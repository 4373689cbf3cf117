using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

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

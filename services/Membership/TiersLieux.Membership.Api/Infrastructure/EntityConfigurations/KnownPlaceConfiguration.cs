using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class KnownPlaceConfiguration : IEntityTypeConfiguration<KnownPlace>
{
    public void Configure(EntityTypeBuilder<KnownPlace> place)
    {
        place.ToTable("Places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(200);
        place.Property(p => p.Typology).HasMaxLength(32);
    }
}

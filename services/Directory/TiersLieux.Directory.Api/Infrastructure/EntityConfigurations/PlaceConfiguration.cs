using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> place)
    {
        place.ToTable("Places", table =>
        {
            // The rules that must hold whatever writes the row.
            table.HasCheckConstraint("CK_Places_Latitude", "\"Latitude\" BETWEEN -90 AND 90");
            table.HasCheckConstraint("CK_Places_Longitude", "\"Longitude\" BETWEEN -180 AND 180");
            table.HasCheckConstraint("CK_Places_Version", "\"Version\" >= 1");
        });
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(PlaceDetails.NameMaxLength).IsRequired();
        place.Property(p => p.Typology).HasConversion<string>().HasMaxLength(32);
        place.Property(p => p.Address).HasMaxLength(PlaceDetails.AddressMaxLength).IsRequired();
        place.Property(p => p.Commune).HasMaxLength(PlaceDetails.CommuneMaxLength).IsRequired();
        place.Property(p => p.Postcode).HasMaxLength(5).IsFixedLength().IsRequired();
        place.Property(p => p.Department).HasMaxLength(3).IsRequired();
        place.Property(p => p.Website).HasMaxLength(500);
        place.Property(p => p.ContactEmail).HasMaxLength(PlaceDetails.EmailMaxLength);
        place.Property(p => p.Version).IsConcurrencyToken();
        place.HasIndex(p => p.Name);
        place.HasIndex(p => new { p.Department, p.Typology });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    /// <summary>The generated full-text column, read by the search query only.</summary>
    public const string SearchVector = "SearchVector";

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
        place.Property(p => p.Description).HasMaxLength(PlaceDetails.DescriptionMaxLength);
        place.Property(p => p.Services).HasColumnType("text[]");
        place.Property(p => p.OpeningHours).HasMaxLength(500);
        place.Property(p => p.OpenWeekly).HasColumnType("int4multirange");
        place.Property(p => p.AccessibilityNotes).HasMaxLength(PlaceDetails.NotesMaxLength);
        place.Property(p => p.Phone).HasMaxLength(PlaceDetails.PhoneMaxLength);
        place.Property(p => p.OperatorName).HasMaxLength(PlaceDetails.NameMaxLength);
        place.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        place.HasIndex(p => p.Name);
        place.HasIndex(p => new { p.Department, p.Typology });
        place.HasIndex(p => p.Services).HasMethod("gin");
        place.Property(p => p.ExternalId).HasMaxLength(200);
        // One place per imported record, even when two imports of the same file race.
        place.HasIndex(p => p.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");

        // Public search in French, accents folded (cafe finds Café): weighted name, then commune and operator, then
        // description, kept up to date by PostgreSQL itself.
        place.Property<NpgsqlTsVector>(SearchVector)
            .HasComputedColumnSql(
                $"setweight(to_tsvector('{DirectoryDbContext.Schema}.{DirectoryDbContext.FrenchSearch}'::regconfig, coalesce(\"Name\", '')), 'A') || " +
                $"setweight(to_tsvector('{DirectoryDbContext.Schema}.{DirectoryDbContext.FrenchSearch}'::regconfig, coalesce(\"Commune\", '') || ' ' || coalesce(\"OperatorName\", '')), 'B') || " +
                $"setweight(to_tsvector('{DirectoryDbContext.Schema}.{DirectoryDbContext.FrenchSearch}'::regconfig, coalesce(\"Description\", '')), 'C')",
                stored: true);
        place.HasIndex(SearchVector).HasMethod("gin");
    }
}

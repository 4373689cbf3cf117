using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> resource)
    {
        resource.ToTable("Resources", table => table.HasCheckConstraint("CK_Resources_Seats", "\"Seats\" >= 1"));
        resource.HasKey(r => r.Id);
        resource.Property(r => r.Id).ValueGeneratedNever();
        resource.Property(r => r.Name).HasMaxLength(200);
        resource.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        resource.Property(r => r.RequiredQualification).HasMaxLength(40);
        resource.Ignore(r => r.Exclusive);
        resource.HasIndex(r => r.MachineId).IsUnique().HasFilter("\"MachineId\" IS NOT NULL");
        resource.HasIndex(r => new { r.PlaceId, r.Kind });
        resource.HasOne<BookingPlace>().WithMany().HasForeignKey(r => r.PlaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

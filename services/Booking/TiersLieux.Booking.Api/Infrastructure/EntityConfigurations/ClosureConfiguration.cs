using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> closure)
    {
        closure.ToTable("Closures", table => table.HasCheckConstraint("CK_Closures_Period", "\"EndsAt\" > \"StartsAt\""));
        closure.HasKey(c => c.Id);
        closure.Property(c => c.Id).ValueGeneratedNever();
        closure.Property(c => c.Reason).HasMaxLength(200);
        closure.HasIndex(c => new { c.PlaceId, c.StartsAt });
        closure.HasOne<BookingPlace>().WithMany().HasForeignKey(c => c.PlaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

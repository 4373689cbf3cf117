using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

internal sealed class BookingPlaceConfiguration : IEntityTypeConfiguration<BookingPlace>
{
    public void Configure(EntityTypeBuilder<BookingPlace> place)
    {
        place.ToTable("Places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(200);
        place.Property(p => p.OpeningHours!).HasJsonConversion();
        place.Property(p => p.Recognition).HasConversion<string>().HasMaxLength(16);
        place.Property(p => p.AcceptedPlaceIds).HasColumnType("uuid[]");
    }
}

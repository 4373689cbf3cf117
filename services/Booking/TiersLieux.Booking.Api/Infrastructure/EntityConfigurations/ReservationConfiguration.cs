using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.ServiceDefaults.Http;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> booking)
    {
        booking.ToTable("Bookings", table => table.HasCheckConstraint("CK_Bookings_Period", "NOT isempty(\"Period\") AND lower_inc(\"Period\") AND NOT upper_inc(\"Period\")"));
        booking.HasKey(b => b.Id);
        booking.Property(b => b.Id).ValueGeneratedNever();
        booking.Property(b => b.Period).HasColumnType("tstzrange");
        booking.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        booking.Property(b => b.CancellationReason).HasMaxLength(200)
            .HasConversion(new ValueConverter<CancellationReason, string>(reason => KebabEnum.Name(reason), text => KebabEnum.Parse<CancellationReason>(text)));
        booking.Property(b => b.CancellationNote).HasMaxLength(Reservation.MaxCancellationNoteLength);
        booking.Ignore(b => b.StartsAt);
        booking.Ignore(b => b.EndsAt);
        booking.HasOne<Resource>().WithMany().HasForeignKey(b => b.ResourceId).OnDelete(DeleteBehavior.Restrict);
        booking.HasIndex(b => b.MemberId);
        // The exclusion constraint itself (btree_gist, tstzrange &&) is written in the migration: EF does not model it.
        booking.HasIndex(b => new { b.ResourceId, b.Period }).HasMethod("gist");
    }
}

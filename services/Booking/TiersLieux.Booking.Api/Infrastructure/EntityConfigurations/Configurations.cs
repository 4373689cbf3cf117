using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Messaging.Database;
using TiersLieux.ServiceDefaults.Http;

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

internal sealed class EntitlementConfiguration : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> entitlement)
    {
        entitlement.ToTable("Entitlements");
        entitlement.HasKey(e => e.SubscriptionId);
        entitlement.Property(e => e.SubscriptionId).ValueGeneratedNever();
        entitlement.Property(e => e.PlaceIds).HasColumnType("uuid[]");
        entitlement.Property(e => e.Kinds).HasColumnType("text[]");
        entitlement.HasIndex(e => e.MemberId);
    }
}

internal sealed class MemberStandingConfiguration : IEntityTypeConfiguration<MemberStanding>
{
    public void Configure(EntityTypeBuilder<MemberStanding> member)
    {
        member.ToTable("Members");
        member.HasKey(m => m.MemberId);
        member.Property(m => m.MemberId).ValueGeneratedNever();
        member.Property(m => m.CalendarToken).HasMaxLength(64);
        member.HasIndex(m => m.CalendarToken).IsUnique().HasFilter("\"CalendarToken\" IS NOT NULL");
    }
}

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

internal sealed class HeldQualificationConfiguration : IEntityTypeConfiguration<HeldQualification>
{
    public void Configure(EntityTypeBuilder<HeldQualification> qualification)
    {
        qualification.ToTable("Qualifications");
        qualification.HasKey(q => q.QualificationId);
        qualification.Property(q => q.QualificationId).ValueGeneratedNever();
        qualification.Property(q => q.Code).HasMaxLength(40);
        qualification.HasIndex(q => new { q.MemberId, q.Code });
    }
}

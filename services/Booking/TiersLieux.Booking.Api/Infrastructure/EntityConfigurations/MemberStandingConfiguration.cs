using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

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

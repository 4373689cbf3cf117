using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

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

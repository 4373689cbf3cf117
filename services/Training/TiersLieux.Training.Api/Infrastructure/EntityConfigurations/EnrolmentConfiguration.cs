using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure.EntityConfigurations;

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> enrolment)
    {
        enrolment.ToTable("Enrolments");
        enrolment.HasKey(e => e.Id);
        enrolment.Property(e => e.Id).ValueGeneratedNever();
        enrolment.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        enrolment.Property(e => e.Sequence).UseIdentityByDefaultColumn().ValueGeneratedOnAdd();
        enrolment.Property(e => e.AttendedHours).HasPrecision(8, 2);
        enrolment.Property(e => e.CertificateCode).HasMaxLength(12);
        enrolment.Property(e => e.CancellationReason).HasMaxLength(500);
        enrolment.Property(e => e.OutcomeAtEnd).HasConversion<string>().HasMaxLength(32);
        enrolment.Property(e => e.OutcomeAtSixMonths).HasConversion<string>().HasMaxLength(32);
        enrolment.Ignore(e => e.IsActive);
        enrolment.HasOne<TrainingSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
        // One active enrolment per member and session, whatever races.
        enrolment.HasIndex(e => new { e.SessionId, e.MemberId }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'");
        enrolment.HasIndex(e => e.CertificateCode).IsUnique().HasFilter("\"CertificateCode\" IS NOT NULL");
        enrolment.HasIndex(e => e.MemberId);
    }
}

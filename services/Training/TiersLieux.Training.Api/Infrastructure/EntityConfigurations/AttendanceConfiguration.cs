using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure.EntityConfigurations;

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> attendance)
    {
        attendance.ToTable("Attendance");
        attendance.HasKey(a => new { a.SessionId, a.SlotIndex, a.EnrolmentId });
        attendance.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        attendance.Property(a => a.RecordedBy).HasMaxLength(200);
        attendance.HasOne<Enrolment>().WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

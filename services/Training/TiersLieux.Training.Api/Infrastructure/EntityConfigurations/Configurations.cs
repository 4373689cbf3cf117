using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Messaging.Database;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure.EntityConfigurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> course)
    {
        course.ToTable("Courses");
        course.HasKey(c => c.Id);
        course.Property(c => c.Id).ValueGeneratedNever();
        course.Property(c => c.Title).HasMaxLength(200);
        course.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        course.Property(c => c.DurationHours).HasPrecision(8, 2);
        course.Property(c => c.QualificationCodes).HasColumnType("text[]");
        course.Property(c => c.PrerequisiteCourseIds).HasColumnType("uuid[]");
        course.Ignore(c => c.FollowsOutcomes);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> session)
    {
        session.ToTable("Sessions", table => table.HasCheckConstraint("CK_Sessions_Minimum", "\"Minimum\" BETWEEN 0 AND \"Capacity\""));
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        session.Property(s => s.TrainerName).HasMaxLength(200);
        session.Property(s => s.CancellationReason).HasMaxLength(500);
        session.Property(s => s.Version).IsConcurrencyToken();
        // The slots travel with the session as one jsonb value, read and written whole.
        session.Property(s => s.Slots).HasJsonConversion();
        session.Ignore(s => s.StartsAt);
        session.Ignore(s => s.EndsAt);
        session.Ignore(s => s.Hours);
        session.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        session.HasOne<TrainingPlace>().WithMany().HasForeignKey(s => s.PlaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class LearnerConfiguration : IEntityTypeConfiguration<Learner>
{
    public void Configure(EntityTypeBuilder<Learner> learner)
    {
        learner.ToTable("Learners");
        learner.HasKey(l => l.MemberId);
        learner.Property(l => l.MemberId).ValueGeneratedNever();
        learner.Property(l => l.DisplayName).HasMaxLength(201);
        learner.Property(l => l.Gender).HasMaxLength(16);
        learner.Property(l => l.EmploymentStatus).HasMaxLength(32);
    }
}

internal sealed class TrainingPlaceConfiguration : IEntityTypeConfiguration<TrainingPlace>
{
    public void Configure(EntityTypeBuilder<TrainingPlace> place)
    {
        place.ToTable("Places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(200);
    }
}

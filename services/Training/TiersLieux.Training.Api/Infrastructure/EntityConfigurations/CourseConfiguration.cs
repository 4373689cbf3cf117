using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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

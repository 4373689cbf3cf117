using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class NotificationCourseConfiguration : IEntityTypeConfiguration<NotificationCourse>
{
    public void Configure(EntityTypeBuilder<NotificationCourse> course)
    {
        course.ToTable("Courses");
        course.HasKey(c => c.Id);
        course.Property(c => c.Id).ValueGeneratedNever();
        course.Property(c => c.Title).HasMaxLength(200);
    }
}

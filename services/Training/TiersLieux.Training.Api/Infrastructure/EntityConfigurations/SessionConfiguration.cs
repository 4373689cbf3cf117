using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Messaging.Database;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure.EntityConfigurations;

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

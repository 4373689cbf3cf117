using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure.EntityConfigurations;

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

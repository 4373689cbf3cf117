using Microsoft.EntityFrameworkCore;
using TiersLieux.Messaging;
using TiersLieux.Training.Api.Domain;

namespace TiersLieux.Training.Api.Infrastructure;

public sealed class TrainingDbContext(DbContextOptions<TrainingDbContext> options) : DbContext(options)
{
    public const string Schema = "training";

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<TrainingSession> Sessions => Set<TrainingSession>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<Attendance> Attendance => Set<Attendance>();

    public DbSet<Learner> Learners => Set<Learner>();

    public DbSet<TrainingPlace> Places => Set<TrainingPlace>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrainingDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

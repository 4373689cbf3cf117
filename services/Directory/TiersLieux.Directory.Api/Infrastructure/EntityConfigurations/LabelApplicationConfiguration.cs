using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class LabelApplicationConfiguration : IEntityTypeConfiguration<LabelApplication>
{
    public void Configure(EntityTypeBuilder<LabelApplication> application)
    {
        application.ToTable("LabelApplications");
        application.HasKey(a => a.Id);
        application.Property(a => a.Id).ValueGeneratedNever();
        // A place applies once to a campaign.
        application.HasIndex(a => new { a.CampaignId, a.PlaceId }).IsUnique();
        application.HasIndex(a => a.PlaceId);
        application.HasOne<LabelCampaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
        application.HasOne<Place>().WithMany().HasForeignKey(a => a.PlaceId).OnDelete(DeleteBehavior.Restrict);
        application.Property(a => a.Statement).HasMaxLength(10_000);
        application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        application.Property(a => a.Reviews).HasJsonConversion();
        application.Property(a => a.DecidedBy).HasMaxLength(200);
        application.Property(a => a.DecisionNote).HasMaxLength(4000);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.Ignore(a => a.Score);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class LabelCampaignConfiguration : IEntityTypeConfiguration<LabelCampaign>
{
    public void Configure(EntityTypeBuilder<LabelCampaign> campaign)
    {
        campaign.ToTable("LabelCampaigns");
        campaign.HasKey(c => c.Id);
        campaign.Property(c => c.Id).ValueGeneratedNever();
        // One campaign per edition, whatever races to create it.
        campaign.HasIndex(c => c.Edition).IsUnique();
        campaign.Property(c => c.Title).HasMaxLength(200);
        campaign.Property(c => c.Criteria).HasJsonConversion();
    }
}

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

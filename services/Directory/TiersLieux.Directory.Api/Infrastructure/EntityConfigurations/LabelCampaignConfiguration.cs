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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class SubscriptionTallyConfiguration : IEntityTypeConfiguration<SubscriptionTally>
{
    public void Configure(EntityTypeBuilder<SubscriptionTally> subscription)
    {
        subscription.ToTable("SubscriptionTallies");
        subscription.HasKey(s => s.SubscriptionId);
        subscription.Property(s => s.SubscriptionId).ValueGeneratedNever();
        subscription.Property(s => s.PlaceIds).HasColumnType("uuid[]");
        subscription.Property(s => s.PlanKind).HasMaxLength(32);
        subscription.HasIndex(s => s.StartsAt);
    }
}

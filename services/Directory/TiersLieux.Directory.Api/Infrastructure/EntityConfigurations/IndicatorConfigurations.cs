using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class MemberTallyConfiguration : IEntityTypeConfiguration<MemberTally>
{
    public void Configure(EntityTypeBuilder<MemberTally> member)
    {
        member.ToTable("MemberTallies");
        member.HasKey(m => m.MemberId);
        member.Property(m => m.MemberId).ValueGeneratedNever();
        member.Property(m => m.PlaceIds).HasColumnType("uuid[]");
    }
}

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

internal sealed class UsageTallyConfiguration : IEntityTypeConfiguration<UsageTally>
{
    public void Configure(EntityTypeBuilder<UsageTally> usage)
    {
        usage.ToTable("UsageTallies");
        usage.HasKey(u => u.SourceId);
        usage.Property(u => u.SourceId).ValueGeneratedNever();
        usage.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        usage.Property(u => u.Hours).HasPrecision(9, 2);
        usage.HasIndex(u => u.At);
    }
}

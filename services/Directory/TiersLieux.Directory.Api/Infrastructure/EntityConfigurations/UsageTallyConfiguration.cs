using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

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

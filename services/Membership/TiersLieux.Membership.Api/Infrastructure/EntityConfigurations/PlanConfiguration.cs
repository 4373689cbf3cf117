using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> plan)
    {
        plan.ToTable("Plans", table =>
        {
            table.HasCheckConstraint("CK_Plans_Price", "\"PriceCents\" >= 0");
            table.HasCheckConstraint("CK_Plans_Validity", "\"ValidityDays\" BETWEEN 1 AND 366");
            table.HasCheckConstraint("CK_Plans_NetworkPass", "(\"Kind\" = 'NetworkPass') = (\"PlaceId\" IS NULL)");
        });
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Id).ValueGeneratedNever();
        plan.Property(p => p.Name).HasMaxLength(200);
        plan.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        plan.Property(p => p.IncludedHours)
            .HasColumnType("jsonb")
            .HasConversion(
                hours => JsonSerializer.Serialize(hours, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, int>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, int>(),
                new ValueComparer<Dictionary<string, int>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    hours => hours.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    hours => new Dictionary<string, int>(hours)));
        plan.HasIndex(p => p.PlaceId);
    }
}

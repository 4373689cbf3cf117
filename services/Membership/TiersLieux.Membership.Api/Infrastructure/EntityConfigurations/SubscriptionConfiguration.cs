using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.ToTable("Subscriptions", table => table.HasCheckConstraint("CK_Subscriptions_Period", "\"EndsAt\" > \"StartsAt\""));
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Id).ValueGeneratedNever();
        subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        subscription.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasIndex(s => new { s.MemberId, s.Status });
        // The expiry job's query: running subscriptions by end.
        subscription.HasIndex(s => s.EndsAt).HasFilter("\"Status\" IN ('Active', 'Suspended')").HasDatabaseName("IX_Subscriptions_Running_EndsAt");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Booking.Api.Domain;

namespace TiersLieux.Booking.Api.Infrastructure.EntityConfigurations;

internal sealed class EntitlementConfiguration : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> entitlement)
    {
        entitlement.ToTable("Entitlements");
        entitlement.HasKey(e => e.SubscriptionId);
        entitlement.Property(e => e.SubscriptionId).ValueGeneratedNever();
        entitlement.Property(e => e.PlaceIds).HasColumnType("uuid[]");
        entitlement.Property(e => e.Kinds).HasColumnType("text[]");
        entitlement.HasIndex(e => e.MemberId);
    }
}

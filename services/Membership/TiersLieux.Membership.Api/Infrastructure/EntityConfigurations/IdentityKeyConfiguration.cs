using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Identity;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class IdentityKeyConfiguration : IEntityTypeConfiguration<IdentityKey>
{
    public void Configure(EntityTypeBuilder<IdentityKey> key)
    {
        key.ToTable("IdentityKeys");
        key.HasKey(k => k.KeyId);
        key.Property(k => k.Use).HasMaxLength(20);
        key.Property(k => k.KeyId).HasMaxLength(64);
    }
}

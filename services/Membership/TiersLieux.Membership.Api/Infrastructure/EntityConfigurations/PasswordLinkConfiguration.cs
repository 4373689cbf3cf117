using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class PasswordLinkConfiguration : IEntityTypeConfiguration<PasswordLink>
{
    public void Configure(EntityTypeBuilder<PasswordLink> link)
    {
        link.ToTable("PasswordLinks");
        link.HasKey(l => l.Id);
        link.Property(l => l.Id).ValueGeneratedNever();
        link.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(20);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => new { l.MemberId, l.CreatedAt });
        // Erasure takes the member's links with it.
        link.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class MemberPlaceConfiguration : IEntityTypeConfiguration<MemberPlace>
{
    public void Configure(EntityTypeBuilder<MemberPlace> place)
    {
        place.ToTable("MemberPlaces");
        place.HasKey(p => new { p.MemberId, p.PlaceId });
        place.HasIndex(p => p.PlaceId);
    }
}

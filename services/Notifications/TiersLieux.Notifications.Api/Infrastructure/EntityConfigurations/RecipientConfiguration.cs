using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> recipient)
    {
        recipient.ToTable("Recipients");
        recipient.HasKey(r => r.MemberId);
        recipient.Property(r => r.MemberId).ValueGeneratedNever();
        recipient.Property(r => r.DisplayName).HasMaxLength(200);
        recipient.Property(r => r.Email).HasMaxLength(320);
        recipient.Property(r => r.PlaceIds).HasColumnType("uuid[]");
        recipient.Property(r => r.OperatedPlaceIds).HasColumnType("uuid[]");
    }
}

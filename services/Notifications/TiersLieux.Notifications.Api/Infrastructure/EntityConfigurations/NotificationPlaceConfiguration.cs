using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class NotificationPlaceConfiguration : IEntityTypeConfiguration<NotificationPlace>
{
    public void Configure(EntityTypeBuilder<NotificationPlace> place)
    {
        place.ToTable("Places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Id).ValueGeneratedNever();
        place.Property(p => p.Name).HasMaxLength(200);
    }
}

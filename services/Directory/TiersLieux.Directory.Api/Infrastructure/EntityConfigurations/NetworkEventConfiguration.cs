using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Infrastructure.EntityConfigurations;

internal sealed class NetworkEventConfiguration : IEntityTypeConfiguration<NetworkEvent>
{
    public void Configure(EntityTypeBuilder<NetworkEvent> networkEvent)
    {
        networkEvent.ToTable("NetworkEvents", table => table.HasCheckConstraint("CK_NetworkEvents_EndsAfterStart", "\"EndsAt\" > \"StartsAt\""));
        networkEvent.HasKey(e => e.Id);
        networkEvent.Property(e => e.Id).ValueGeneratedNever();
        networkEvent.Property(e => e.Title).HasMaxLength(200);
        networkEvent.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        networkEvent.Property(e => e.Location).HasMaxLength(300);
        networkEvent.Property(e => e.Description).HasMaxLength(4000);
        networkEvent.Property(e => e.Url).HasMaxLength(500);
        networkEvent.Property(e => e.Version).IsConcurrencyToken();
        networkEvent.HasOne<Place>().WithMany().HasForeignKey(e => e.PlaceId).OnDelete(DeleteBehavior.Restrict);
        networkEvent.HasIndex(e => e.StartsAt);
    }
}

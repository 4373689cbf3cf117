using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Notifications.Api.Domain;

namespace TiersLieux.Notifications.Api.Infrastructure.EntityConfigurations;

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<EmailOptOut>
{
    public void Configure(EntityTypeBuilder<EmailOptOut> optOut)
    {
        optOut.ToTable("EmailOptOuts");
        optOut.HasKey(o => new { o.MemberId, o.Category });
        optOut.Property(o => o.Category).HasConversion<string>().HasMaxLength(32);
        optOut.HasOne<Recipient>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

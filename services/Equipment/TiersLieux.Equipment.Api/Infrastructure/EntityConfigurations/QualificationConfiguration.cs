using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

internal sealed class QualificationConfiguration : IEntityTypeConfiguration<Qualification>
{
    public void Configure(EntityTypeBuilder<Qualification> qualification)
    {
        qualification.ToTable("Qualifications");
        qualification.HasKey(q => q.Id);
        qualification.Property(q => q.Id).ValueGeneratedNever();
        qualification.Property(q => q.Code).HasMaxLength(40);
        qualification.Property(q => q.Source).HasConversion<string>().HasMaxLength(16);
        qualification.Property(q => q.GrantedBy).HasMaxLength(200);
        qualification.Property(q => q.RevocationReason).HasMaxLength(500);
        qualification.HasOne<QualificationType>().WithMany().HasForeignKey(q => q.Code).OnDelete(DeleteBehavior.Restrict);
        qualification.HasIndex(q => new { q.MemberId, q.Code });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Infrastructure.EntityConfigurations;

internal sealed class QualificationTypeConfiguration : IEntityTypeConfiguration<QualificationType>
{
    public void Configure(EntityTypeBuilder<QualificationType> type)
    {
        type.ToTable("QualificationTypes");
        type.HasKey(t => t.Code);
        type.Property(t => t.Code).HasMaxLength(40);
        type.Property(t => t.Name).HasMaxLength(200);
    }
}

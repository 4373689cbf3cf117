using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("Organisations");
        organisation.HasKey(o => o.Id);
        organisation.Property(o => o.Id).ValueGeneratedNever();
        organisation.Property(o => o.Name).HasMaxLength(200);
        organisation.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        organisation.Property(o => o.Siret).HasMaxLength(14).IsFixedLength();
        organisation.HasIndex(o => o.Siret).IsUnique();
    }
}

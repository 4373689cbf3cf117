using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("Members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).ValueGeneratedNever();
        member.Property(m => m.FirstName).HasMaxLength(100);
        member.Property(m => m.LastName).HasMaxLength(100);
        member.Property(m => m.Email).HasMaxLength(254);
        member.Property(m => m.NormalisedEmail).HasMaxLength(254);
        // One person, one membership across the whole network: the database holds the rule under concurrency.
        member.HasIndex(m => m.NormalisedEmail).IsUnique();
        member.Property(m => m.Phone).HasMaxLength(30);
        member.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        member.Property(m => m.SuspensionReason).HasMaxLength(500);
        member.Property(m => m.Version).IsConcurrencyToken();
        member.Ignore(m => m.DisplayName);
        member.Ignore(m => m.PlaceIds);
        member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        member.HasMany(m => m.Places).WithOne().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        member.Navigation(m => m.Places).UsePropertyAccessMode(PropertyAccessMode.Field);
        member.OwnsOne(m => m.FunderProfile, profile =>
        {
            profile.Property(p => p.Gender).HasConversion<string>().HasMaxLength(20);
            profile.Property(p => p.EmploymentStatus).HasConversion<string>().HasMaxLength(20);
            profile.Property(p => p.Postcode).HasMaxLength(5);
        });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiersLieux.Membership.Api.Domain;

namespace TiersLieux.Membership.Api.Infrastructure.EntityConfigurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("Accounts");
        account.HasKey(a => a.MemberId);
        account.Property(a => a.MemberId).ValueGeneratedNever();
        account.Property(a => a.PasswordHash).HasMaxLength(200);
        // A uuid[]: operators act for a handful of places, read with the account at every sign-in.
        account.Property(a => a.OperatedPlaceIds).HasColumnType("uuid[]");
        // Two sign-ins racing on one account must not lose a failure count: the loser retries or gets a 409.
        account.Property(a => a.Version).IsConcurrencyToken();
        account.Ignore(a => a.Roles);
        account.HasOne<Member>().WithOne().HasForeignKey<Account>(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

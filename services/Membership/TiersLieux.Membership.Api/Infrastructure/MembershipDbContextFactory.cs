using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TiersLieux.Membership.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only: building a migration needs the model, not a server.</summary>
internal sealed class MembershipDbContextFactory : IDesignTimeDbContextFactory<MembershipDbContext>
{
    public MembershipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MembershipDbContext>().UseNpgsql("Host=localhost;Database=membershipdb").Options);
}

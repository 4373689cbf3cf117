using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TiersLieux.Booking.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only: building a migration needs the model, not a server.</summary>
internal sealed class BookingDbContextFactory : IDesignTimeDbContextFactory<BookingDbContext>
{
    public BookingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BookingDbContext>().UseNpgsql("Host=localhost;Database=bookingdb").Options);
}

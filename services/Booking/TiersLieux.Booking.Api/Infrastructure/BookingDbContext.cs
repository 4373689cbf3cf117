using Microsoft.EntityFrameworkCore;
using TiersLieux.Booking.Api.Domain;
using TiersLieux.Messaging;

namespace TiersLieux.Booking.Api.Infrastructure;

public sealed class BookingDbContext(DbContextOptions<BookingDbContext> options) : DbContext(options)
{
    public const string Schema = "booking";

    /// <summary>The constraint that refuses two confirmed bookings of one exclusive resource over overlapping periods.</summary>
    public const string NoOverlapConstraint = "EX_Bookings_NoOverlap";

    public DbSet<Resource> Resources => Set<Resource>();

    /// <summary>The bookings (table "Bookings"); the type is Reservation because TiersLieux.Booking names the service's namespace.</summary>
    public DbSet<Reservation> Reservations => Set<Reservation>();

    public DbSet<Entitlement> Entitlements => Set<Entitlement>();

    public DbSet<MemberStanding> Members => Set<MemberStanding>();

    public DbSet<BookingPlace> Places => Set<BookingPlace>();

    public DbSet<Closure> Closures => Set<Closure>();

    public DbSet<HeldQualification> Qualifications => Set<HeldQualification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BookingDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}

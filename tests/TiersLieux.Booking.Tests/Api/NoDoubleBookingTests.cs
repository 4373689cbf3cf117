using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TiersLieux.Booking.Api.Infrastructure;
using TiersLieux.Testing;

namespace TiersLieux.Booking.Tests.Api;

/// <summary>No double booking, ever: real concurrent requests against the real database.</summary>
public sealed class NoDoubleBookingTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private TestService<Program> _service = null!;
    private Guid _place;
    private Guid _member;

    public async ValueTask InitializeAsync()
    {
        _service = await Booking.StartAsync(infrastructure);
        _place = await _service.KnownPlaceAsync("La Serre, Albi");
        _member = Guid.NewGuid();
        await _service.EntitleAsync(_member, _place);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Two_hundred_concurrent_requests_for_eight_hours_of_one_desk_give_exactly_eight_bookings_and_192_refusals()
    {
        var desk = await _service.ResourceAsync(_place, "desk");
        var day = _service.Tomorrow(9);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _service.BookAsync(desk, _member, day.AddHours(i % 8), day.AddHours(i % 8 + 1))));

        Assert.Equal(8, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refusals = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(192, refusals.Count);
        foreach (var refusal in refusals)
        {
            Assert.Equal("period-taken", await Booking.RuleAsync(refusal));
        }

        Assert.Equal(0, await OverlapsAsync());
    }

    [Fact]
    public async Task Fifty_concurrent_requests_for_one_hour_of_a_three_seat_open_space_give_exactly_three_seats()
    {
        var openSpace = await _service.ResourceAsync(_place, "open-space", seats: 3, name: "Open space");
        var start = _service.Tomorrow(14);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _service.BookAsync(openSpace, _member, start, start.AddHours(1))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(47, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        // Back to back is not an overlap: the next hour is free.
        Assert.Equal(HttpStatusCode.Created, (await _service.BookAsync(openSpace, _member, start.AddHours(1), start.AddHours(2))).StatusCode);
    }

    [Fact]
    public async Task The_database_itself_refuses_an_overlapping_booking_written_past_the_api()
    {
        var desk = await _service.ResourceAsync(_place, "desk", name: "Bureau 2");
        var start = _service.Tomorrow(10);
        await Booking.IdAsync(await _service.BookAsync(desk, _member, start, start.AddHours(2)));

        await using var scope = _service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO booking.\"Bookings\" (\"Id\", \"ResourceId\", \"PlaceId\", \"MemberId\", \"Period\", \"Exclusive\", \"Status\", \"CreatedAt\") VALUES ({Guid.NewGuid()}, {desk}, {_place}, {_member}, tstzrange({start.AddHours(1)}, {start.AddHours(3)}, '[)'), true, 'Confirmed', now())", TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.ExclusionViolation, error.SqlState);
        Assert.Equal(BookingDbContext.NoOverlapConstraint, error.ConstraintName);
    }

    /// <summary>Pairs of confirmed bookings of one exclusive resource that overlap, counted in the database.</summary>
    private async Task<long> OverlapsAsync()
    {
        await using var scope = _service.Factory.Services.CreateAsyncScope();
        var connection = (NpgsqlConnection)scope.ServiceProvider.GetRequiredService<BookingDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM booking."Bookings" a JOIN booking."Bookings" b
              ON a."ResourceId" = b."ResourceId" AND a."Id" < b."Id" AND a."Period" && b."Period"
            WHERE a."Status" = 'Confirmed' AND b."Status" = 'Confirmed' AND a."Exclusive"
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

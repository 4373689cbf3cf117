using Npgsql;
using TiersLieux.Messaging.Database;

namespace TiersLieux.Messaging.Tests;

/// <summary>What a service's DbContext connects with: the pool bounded and statements prepared, unless the connection string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_service_opens_at_most_the_default_pool_unless_told()
    {
        var bounded = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithBoundedPool("Host=127.0.0.1;Port=5432;Database=booking"));

        Assert.Equal(DatabaseExtensions.DefaultMaxPoolSize, bounded.MaxPoolSize);
        Assert.Equal("booking", bounded.Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=30")]
    [InlineData("maxpoolsize=30")]
    public void A_connection_string_that_sets_its_pool_keeps_it(string setting)
    {
        var kept = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithBoundedPool($"Host=127.0.0.1;Database=booking;{setting}"));

        Assert.Equal(30, kept.MaxPoolSize);
    }

    [Fact]
    public void Statements_are_prepared_unless_told()
    {
        var prepared = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithAutoPrepare("Host=127.0.0.1;Database=booking"));
        var kept = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithAutoPrepare("Host=127.0.0.1;Database=booking;Max Auto Prepare=0"));

        Assert.Equal(50, prepared.MaxAutoPrepare);
        Assert.Equal(0, kept.MaxAutoPrepare);
    }
}

using Aspire.Hosting.Testing;

namespace TiersLieux.Hosting.Tests;

/// <summary>
/// A test starts an AppHost in a process of its own with free ports drawn in the test's process (<c>Ports:*</c>); the
/// AppHost draws more for itself (a broker's epmd and distribution ports, smtp4dev's IMAP) before its projects bind
/// theirs. A fresh-clone run once lost a shutdown test that way: membership-api's port was held by the broker's
/// distribution listener and the platform never turned healthy.
/// </summary>
public sealed class UnusedPortTests
{
    [Fact]
    public async Task The_AppHost_never_draws_a_port_promised_to_one_of_its_projects_or_servers()
    {
        // Drawn elsewhere, as the test process draws them: this process has never handed these out.
        var promised = Enumerable.Range(0, 200).Select(_ => Random.Shared.Next(20_000, 32_768)).ToHashSet();
        await using var builder = DistributedApplicationTestingBuilder.Create([.. promised.Select((port, i) => $"--Ports:promised-{i}={port}")]);

        // Without the reservation, a thousand draws from the same range meet one of 200 ports with near certainty.
        var drawn = Enumerable.Range(0, 1000).Select(_ => builder.UnusedPort()).ToList();

        Assert.Empty(drawn.Intersect(promised));
        Assert.Equal(drawn.Count, drawn.Distinct().Count());
    }
}

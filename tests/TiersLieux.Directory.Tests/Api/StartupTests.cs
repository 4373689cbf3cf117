using TiersLieux.ServiceDefaults;
using TiersLieux.Testing;
using TiersLieux.Topology;

namespace TiersLieux.Directory.Tests.Api;

public sealed class StartupTests
{
    [Fact]
    public void Starting_without_its_database_connection_string_fails_at_once_naming_the_variable_to_set()
    {
        using var service = new ServiceFactory<Program>(new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = "amqp://guest:guest@127.0.0.1:1",
        });

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains($"ConnectionStrings__{ResourceNames.DirectoryDb}", error.ToString(), StringComparison.Ordinal);
    }
}

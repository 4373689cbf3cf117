using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TiersLieux.Testing;

/// <summary>
/// A service hosted in the test process on its real PostgreSQL database and the real broker, configured through
/// the same keys the AppHost sets (<c>ConnectionStrings:&lt;name&gt;</c>).
/// </summary>
public sealed class ServiceFactory<TProgram>(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

namespace TiersLieux.EndToEnd.Tests;

/// <summary>One running AppHost topology shared by the tests of a class.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public AppHostProcess AppHost { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        AppHost = AppHostProcess.Start();
        await AppHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
        Gateway = new HttpClient { BaseAddress = new Uri(await AppHost.EndpointAsync("gateway", "http://")), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (AppHost is not null)
        {
            await AppHost.DisposeAsync();
        }
    }
}

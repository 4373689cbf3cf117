using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TiersLieux.Testing.Security;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>One running AppHost topology shared by the tests of a class.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public AppHostProcess AppHost { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>Through the gateway as the network team: the demo network-console's token, got by client credentials.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        AppHost = AppHostProcess.Start();
        await AppHost.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
        Gateway = new HttpClient { BaseAddress = new Uri(await AppHost.EndpointAsync("gateway", "http://")), Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = Gateway.Timeout }.WithBearer(await NetworkConsoleTokenAsync());
    }

    public async Task<string> NetworkConsoleTokenAsync()
    {
        var secret = (await File.ReadAllTextAsync(Path.Combine(AppHost.StateDirectory, "parameters", "network-console-secret"))).Trim();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "network-console",
            ["client_secret"] = secret,
            ["scope"] = "tierslieux-api",
        });
        using var response = await Gateway.PostAsync("/connect/token", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        Admin?.Dispose();
        if (AppHost is not null)
        {
            await AppHost.DisposeAsync();
        }
    }
}

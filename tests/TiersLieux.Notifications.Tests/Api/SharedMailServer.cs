using TiersLieux.Testing;

namespace TiersLieux.Notifications.Tests.Api;

/// <summary>One SMTP server for the assembly's test classes (each writes to addresses of its own); the outage test starts its own.</summary>
public sealed class SharedMailServer : IAsyncLifetime
{
    public MailServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MailServer.StartNewAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Makes OpenIddict take a new set of keys without a restart. Its server and validation options are built once and
/// kept (read through IOptionsMonitor on every request); signalling their change tokens rebuilds them, server first
/// (it reads the keys), then validation (it copies the server's keys to validate membership's own APIs' tokens).
/// </summary>
public sealed class IdentityKeyReload(ILogger<IdentityKeyReload> logger)
    : IOptionsChangeTokenSource<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictValidationOptions>
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _server = new();
    private CancellationTokenSource _validation = new();

    public string? Name => Options.DefaultName;

    /// <summary>What the server options were last built with; null until the first request builds them.</summary>
    public string? LoadedFingerprint { get; private set; }

    IChangeToken IOptionsChangeTokenSource<OpenIddictServerOptions>.GetChangeToken() => new CancellationChangeToken(_server.Token);

    IChangeToken IOptionsChangeTokenSource<OpenIddictValidationOptions>.GetChangeToken() => new CancellationChangeToken(_validation.Token);

    /// <summary>Called by the options' builder with what it loaded.</summary>
    public void Loaded(string fingerprint) => LoadedFingerprint = fingerprint;

    /// <summary>Rebuilds the options when the keys as they stand now differ from those loaded; true when it did.</summary>
    public bool ReloadIfChanged(string fingerprint)
    {
        lock (_gate)
        {
            if (LoadedFingerprint is null || LoadedFingerprint == fingerprint)
            {
                return false;
            }

            logger.LogInformation("Identity keys changed ({Loaded} → {Now}): reloading the OpenID Connect server", LoadedFingerprint, fingerprint);
            Signal(ref _server);
            Signal(ref _validation);
            return true;
        }
    }

    private static void Signal(ref CancellationTokenSource source)
    {
        var fired = source;
        source = new CancellationTokenSource();
        // OptionsMonitor drops its cached value and rebuilds it inside this call, then asks for the new token.
        fired.Cancel();
        fired.Dispose();
    }
}

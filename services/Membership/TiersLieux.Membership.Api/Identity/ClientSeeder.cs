using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using TiersLieux.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Registers the configured clients at start-up (after migrations) and brings existing ones in line with the
/// configuration, so a changed secret, role or redirect URI takes effect at the next start. A back-end's roles and
/// places travel in the application's properties into every token it gets.
/// </summary>
internal sealed class ClientSeeder(IServiceScopeFactory scopes, IOptions<IdentityOptions> options) : IHostedService
{
    public const string RolesProperty = "roles";
    public const string PlacesProperty = "place_ids";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in options.Value.Clients.Where(client => client.ClientId.Length > 0))
        {
            var descriptor = Describe(client);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
                continue;
            }

            try
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            catch (DbUpdateException) when (client.ClientId.Length > 0)
            {
                // Another replica registered it at the same moment (the client id is unique): the same configuration.
                if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is null)
                {
                    throw;
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor Describe(ClientOptions client)
    {
        var unknownRole = client.Roles.FirstOrDefault(role => !PlatformRoles.All.Contains(role));
        if (unknownRole is not null)
        {
            throw new InvalidOperationException($"Client '{client.ClientId}' has an unknown role '{unknownRole}'.");
        }

        if (client.IsPublic && client.RedirectUris.Count == 0)
        {
            throw new InvalidOperationException($"Client '{client.ClientId}' has neither a secret (a back-end) nor redirect URIs (a frontend).");
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.IsPublic ? null : client.ClientSecret,
            ClientType = client.IsPublic ? ClientTypes.Public : ClientTypes.Confidential,
            // First-party frontends of the network's places: signing in is the consent.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName ?? client.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Prefixes.Scope + PlatformClaims.ApiScope,
            },
        };

        if (!client.IsPublic)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (client.RedirectUris.Count > 0)
        {
            descriptor.Permissions.UnionWith(
            [
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Scopes.Roles,
            ]);
            // Every code-flow client proves its code with PKCE, even a confidential one.
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(client.RedirectUris);
            descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        }

        descriptor.Properties[RolesProperty] = JsonSerializer.SerializeToElement(client.Roles);
        descriptor.Properties[PlacesProperty] = JsonSerializer.SerializeToElement(client.PlaceIds);
        return descriptor;
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using TiersLieux.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TiersLieux.Membership.Api.Identity;

/// <summary>
/// Registers the configured operator back-ends as OpenID Connect clients at start-up (after migrations), once;
/// their roles and places travel in the application's properties into every token they get.
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
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is not null)
            {
                continue;
            }

            var unknownRole = client.Roles.FirstOrDefault(role => !PlatformRoles.All.Contains(role));
            if (unknownRole is not null)
            {
                throw new InvalidOperationException($"Client '{client.ClientId}' has an unknown role '{unknownRole}'.");
            }

            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = client.DisplayName ?? client.ClientId,
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.ClientCredentials,
                    Permissions.Prefixes.Scope + PlatformClaims.ApiScope,
                },
            };
            descriptor.Properties[RolesProperty] = JsonSerializer.SerializeToElement(client.Roles);
            descriptor.Properties[PlacesProperty] = JsonSerializer.SerializeToElement(client.PlaceIds);
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

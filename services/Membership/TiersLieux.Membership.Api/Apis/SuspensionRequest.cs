namespace TiersLieux.Membership.Api.Apis;

public sealed record SuspensionRequest(string? Reason);

namespace TiersLieux.Membership.Api.Apis;

public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

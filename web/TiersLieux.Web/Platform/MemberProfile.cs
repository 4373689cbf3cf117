using System.Text.Json.Nodes;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The member's details as membership holds them. Kept as the JSON it came in, so that changing one thing (the
/// consent to funder reporting) sends every other field back unchanged.
/// </summary>
public sealed record MemberProfile(JsonObject Json)
{
    public string FirstName => (string?)Json["firstName"] ?? "";

    public string LastName => (string?)Json["lastName"] ?? "";

    public string Email => (string?)Json["email"] ?? "";

    public bool ConsentsToFunderReporting => Json["funderProfile"] is JsonObject profile && profile["consentGivenAt"] is not null;
}

using System.Text.Json.Serialization;

namespace TiersLieux.Membership.Api.Identity;

/// <param name="Compromised">
/// False: a planned rotation (new keys published now, used after the publish lead, nobody signed out). True: a key
/// has leaked: new keys in use at once, every other deleted, every session and token ends.
/// </param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record KeyRotationRequest(bool Compromised);

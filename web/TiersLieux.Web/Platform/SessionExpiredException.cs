namespace TiersLieux.Web.Platform;

/// <summary>The platform no longer takes the member's token: the page asks them to sign in again.</summary>
public sealed class SessionExpiredException(string message) : Exception(message);

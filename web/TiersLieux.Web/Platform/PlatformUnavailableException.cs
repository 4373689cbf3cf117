namespace TiersLieux.Web.Platform;

/// <summary>The gateway or the service behind it did not answer: the page says so instead of failing.</summary>
public sealed class PlatformUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

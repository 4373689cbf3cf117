using System.Text.Json.Serialization;

namespace TiersLieux.Web.Platform;

/// <summary>The directory's answer to "is this place open now?".</summary>
public sealed record OpenNow([property: JsonPropertyName("openNow")] bool? IsOpen);

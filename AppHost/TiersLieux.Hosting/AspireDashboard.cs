namespace TiersLieux.Hosting;

/// <summary>The Aspire dashboard as the app model names it.</summary>
internal static class AspireDashboard
{
    /// <summary>The dashboard resource's name (Aspire's own constant, <c>KnownResourceNames.AspireDashboard</c>, is internal).</summary>
    public const string ResourceName = "aspire-dashboard";
}

namespace TiersLieux.Membership.Api.Demo;

/// <summary>Demo settings ("Demo"): set by the AppHost in Development only, with passwords it generated.</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; }

    /// <summary>The directory's demo place the people and plans belong to, known once its PlaceRegistered arrives.</summary>
    public string PlaceName { get; set; } = "IN'ESS";

    public string AdminPassword { get; set; } = "";

    public string OperatorPassword { get; set; } = "";

    public string MemberPassword { get; set; } = "";
}

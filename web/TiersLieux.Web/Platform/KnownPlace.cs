namespace TiersLieux.Web.Platform;

/// <summary>A place as membership knows it: whether it accepts the network pass.</summary>
public sealed record KnownPlace(Guid Id, string Name, string Typology, bool AcceptsNetworkPass);

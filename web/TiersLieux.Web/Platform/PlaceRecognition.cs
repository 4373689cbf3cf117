namespace TiersLieux.Web.Platform;

/// <summary>Whose machine qualifications a place accepts: all the network's, only its own, or its own and the listed places'.</summary>
public sealed record PlaceRecognition(Guid PlaceId, string Name, string Mode, IReadOnlyList<Guid> AcceptedPlaceIds);

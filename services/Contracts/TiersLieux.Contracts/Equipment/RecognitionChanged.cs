namespace TiersLieux.Contracts.Equipment;

/// <summary>
/// Which qualifications a place accepts for its machines changed. A place always accepts its own; beyond that,
/// <paramref name="Mode"/> says: all (every place's and the network's trainings, the default), none, or listed
/// (<paramref name="AcceptedPlaceIds"/> and the network's trainings). Apply only a higher <paramref name="Version"/>.
/// </summary>
public sealed record RecognitionChanged(Guid PlaceId, string Mode, IReadOnlyList<Guid> AcceptedPlaceIds, int Version, DateTimeOffset OccurredAt);

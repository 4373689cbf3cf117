using TiersLieux.Contracts.Equipment;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record RecognitionResponse(Guid PlaceId, string Name, RecognitionMode Mode, IReadOnlyList<Guid> AcceptedPlaceIds)
{
    public static RecognitionResponse From(EquipmentPlace place) => new(place.Id, place.Name, place.Recognition, place.AcceptedPlaceIds);
}

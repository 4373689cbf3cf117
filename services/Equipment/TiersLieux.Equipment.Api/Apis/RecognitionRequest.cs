using TiersLieux.Contracts.Equipment;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record RecognitionRequest(RecognitionMode? Mode, IReadOnlyList<Guid>? AcceptedPlaceIds);

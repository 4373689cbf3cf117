using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record StatusRequest(MachineStatus? Status, string? Reason);

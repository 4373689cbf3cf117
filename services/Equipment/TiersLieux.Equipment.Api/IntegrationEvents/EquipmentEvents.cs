using TiersLieux.Contracts.Equipment;
using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.IntegrationEvents;

/// <summary>Equipment's events, built from the state as committed.</summary>
public static class EquipmentEvents
{
    public static MachineRegistered Registered(Machine machine) => new(machine.Id, machine.PlaceId, machine.Name, Machine.CategoryName(machine.Category),
        machine.RequiredQualification, machine.HourlyCostCents, Machine.StatusName(machine.Status), machine.Version, machine.UpdatedAt);

    public static MachineUpdated Updated(Machine machine) => new(machine.Id, machine.PlaceId, machine.Name, Machine.CategoryName(machine.Category),
        machine.RequiredQualification, machine.HourlyCostCents, Machine.StatusName(machine.Status), machine.Version, machine.UpdatedAt);

    public static RecognitionChanged RecognitionChanged(EquipmentPlace place, DateTimeOffset now) =>
        new(place.Id, place.Recognition.ToString().ToLowerInvariant(), [.. place.AcceptedPlaceIds], place.RecognitionVersion, now);

    public static MachineStatusChanged StatusChanged(Machine machine, string? reason) =>
        new(machine.Id, machine.PlaceId, Machine.StatusName(machine.Status), reason, machine.Version, machine.UpdatedAt);

    public static QualificationGranted Granted(Qualification qualification) =>
        new(qualification.Id, qualification.MemberId, qualification.Code, qualification.GrantedAtPlaceId, qualification.ExpiresAt, qualification.GrantedAt);

    public static QualificationRevoked Revoked(Qualification qualification, string reason, DateTimeOffset now) =>
        new(qualification.Id, qualification.MemberId, qualification.Code, reason, now);
}

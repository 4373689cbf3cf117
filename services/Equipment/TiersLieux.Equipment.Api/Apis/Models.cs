using TiersLieux.Equipment.Api.Domain;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Apis;

/// <summary>Every member nullable, so a missing field is named in a 422, not a 400.</summary>
public sealed record MachineRequest(Guid? PlaceId, string? Name, MachineCategory? Category, string? Make, string? Model, string? Description,
    string? RequiredQualification, string? SafetyNotes, int? HourlyCostCents)
{
    public (MachineDetails? Details, Errors Errors) ToDetails()
    {
        var errors = new Errors().Require("name", Name).Require("category", Category).Require("hourlyCostCents", HourlyCostCents);
        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new MachineDetails(Name!, Category!.Value, Make, Model, Description, RequiredQualification, SafetyNotes, HourlyCostCents!.Value);
        return (details, details.Validate());
    }
}

public sealed record MachineResponse(Guid Id, Guid PlaceId, string Name, MachineCategory Category, string? Make, string? Model, string? Description,
    MachineStatus Status, string? RequiredQualification, string? SafetyNotes, int HourlyCostCents, decimal UsageHours, int Version)
{
    public static MachineResponse From(Machine m) => new(m.Id, m.PlaceId, m.Name, m.Category, m.Make, m.Model, m.Description, m.Status,
        m.RequiredQualification, m.SafetyNotes, m.HourlyCostCents, m.UsageHours, m.Version);
}

public sealed record StatusRequest(MachineStatus? Status, string? Reason);

public sealed record UsageRequest(decimal? Hours, Guid? MemberId);

/// <summary>The answer to "may member M use machine X?": yes or no, and why.</summary>
/// <param name="Reason">allowed-no-qualification-required, qualified, machine-unavailable, not-qualified, qualification-lapsed or not-recognised.</param>
public sealed record UseCheck(Guid MachineId, Guid MemberId, Guid PlaceId, bool Allowed, string Reason, string Detail, Guid? QualificationId);

public sealed record PlanRequest(string? Task, int? EveryHours, int? EveryDays);

public sealed record PlanResponse(Guid Id, Guid MachineId, string Task, int? EveryHours, int? EveryDays, DateTimeOffset LastDoneAt, decimal LastDoneAtHours, bool Due)
{
    public static PlanResponse From(MaintenancePlan plan, decimal usageHours, DateTimeOffset now) => new(plan.Id, plan.MachineId, plan.Task, plan.EveryHours,
        plan.EveryDays, plan.LastDoneAt, plan.LastDoneAtHours, plan.IsDue(usageHours, now));
}

public sealed record MaintenanceRequest(Guid? PlanId, string? Work, string? Parts, bool? BackInService);

public sealed record IncidentRequest(string? Description, bool? Unsafe);

public sealed record ResolutionRequest(string? Resolution, bool? BackInService);

public sealed record QualificationTypeRequest(string? Code, string? Name, int? ValidityMonths, int? InactivityMonths);

public sealed record GrantRequest(Guid? MemberId, string? Code, Guid? PlaceId);

public sealed record RevocationRequest(string? Reason);

public sealed record QualificationResponse(Guid Id, Guid MemberId, string Code, Guid? GrantedAtPlaceId, QualificationSource Source, DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? Lapsed)
{
    public static QualificationResponse From(Qualification q, QualificationType type, DateTimeOffset now) =>
        new(q.Id, q.MemberId, q.Code, q.GrantedAtPlaceId, q.Source, q.GrantedAt, q.ExpiresAt, q.LastUsedAt, q.RevokedAt, q.Lapse(type, now));
}

public sealed record RecognitionRequest(RecognitionMode? Mode, IReadOnlyList<Guid>? AcceptedPlaceIds);

public sealed record RecognitionResponse(Guid PlaceId, string Name, RecognitionMode Mode, IReadOnlyList<Guid> AcceptedPlaceIds)
{
    public static RecognitionResponse From(EquipmentPlace place) => new(place.Id, place.Name, place.Recognition, place.AcceptedPlaceIds);
}

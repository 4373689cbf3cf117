using TiersLieux.Equipment.Api.Domain;

namespace TiersLieux.Equipment.Api.Apis;

public sealed record PlanResponse(Guid Id, Guid MachineId, string Task, int? EveryHours, int? EveryDays, DateTimeOffset LastDoneAt, decimal LastDoneAtHours, bool Due)
{
    public static PlanResponse From(MaintenancePlan plan, decimal usageHours, DateTimeOffset now) => new(plan.Id, plan.MachineId, plan.Task, plan.EveryHours,
        plan.EveryDays, plan.LastDoneAt, plan.LastDoneAtHours, plan.IsDue(usageHours, now));
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Apis;

/// <summary>/api/equipment/machines/{id}/maintenance-plans and /maintenance-log: preventive plans and the log, for the place's operators.</summary>
public static class MaintenanceApi
{
    public static RouteGroupBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var machine = app.MapGroup("/api/equipment/machines/{id:guid}").WithTags("Maintenance").RequireAuthorization(PlatformPolicies.Operator);
        machine.MapGet("/maintenance-plans", ListPlans).WithName("ListMaintenancePlans").WithSummary("The machine's preventive plans, with whether each is due.");
        machine.MapPost("/maintenance-plans", CreatePlan).WithName("CreateMaintenancePlan").WithSummary("A task every N hours of use and/or every N days.");
        machine.MapGet("/maintenance-log", ListLog).WithName("ListMaintenanceLog").WithSummary("What was done, by whom, when, with which parts; newest first.");
        machine.MapPost("/maintenance-log", LogMaintenance).WithName("LogMaintenance")
            .WithSummary("Records maintenance (restarting its plan's cycle); optionally puts the machine back in service.");
        return machine;
    }

    public static async Task<Results<Ok<List<PlanResponse>>, ProblemHttpResult>> ListPlans(Guid id, EquipmentDbContext db, Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        var plans = await db.MaintenancePlans.AsNoTracking().Where(p => p.MachineId == id).OrderBy(p => p.Task).ToListAsync(cancellationToken);
        return TypedResults.Ok(plans.Select(plan => PlanResponse.From(plan, machine.UsageHours, now)).ToList());
    }

    public static async Task<Results<Created<PlanResponse>, ProblemHttpResult>> CreatePlan(Guid id, PlanRequest request, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        var (plan, errors) = MaintenancePlan.Create(machine, request.Task, request.EveryHours, request.EveryDays, now);
        if (plan is null)
        {
            return Problems.Invalid(errors);
        }

        db.MaintenancePlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/equipment/machines/{id}/maintenance-plans", PlanResponse.From(plan, machine.UsageHours, now));
    }

    public static async Task<Results<Ok<List<MaintenanceRecord>>, ProblemHttpResult>> ListLog(Guid id, EquipmentDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, id, cancellationToken);
        return machine is null
            ? refusal!
            : TypedResults.Ok(await db.MaintenanceLog.AsNoTracking().Where(r => r.MachineId == id).OrderByDescending(r => r.PerformedAt).Take(500).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Created<MaintenanceRecord>, ProblemHttpResult>> LogMaintenance(Guid id, MaintenanceRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        var errors = new Errors().Require("work", request.Work);
        if (request.Work is { Length: > 4000 } || request.Parts is { Length: > 1000 })
        {
            errors.Add("work", "The work has 4,000 characters at most, the parts 1,000.");
        }

        var plan = request.PlanId is { } planId ? await db.MaintenancePlans.FirstOrDefaultAsync(p => p.Id == planId && p.MachineId == id, cancellationToken) : null;
        if (request.PlanId is not null && plan is null)
        {
            errors.Add("planId", $"Machine {id} has no plan {request.PlanId}.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var record = new MaintenanceRecord
        {
            Id = Guid.CreateVersion7(now), MachineId = id, PlanId = plan?.Id, PerformedBy = caller.Subject ?? "operator", PerformedAt = now,
            Work = request.Work!.Trim(), Parts = string.IsNullOrWhiteSpace(request.Parts) ? null : request.Parts.Trim(), UsageHours = machine.UsageHours,
        };
        db.MaintenanceLog.Add(record);
        plan?.Done(machine.UsageHours, now);
        if (request.BackInService == true && machine.ChangeStatus(MachineStatus.Available, now) == "")
        {
            db.AddIntegrationEvent(EquipmentEvents.StatusChanged(machine, "maintenance done"), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/equipment/machines/{id}/maintenance-log", record);
    }
}

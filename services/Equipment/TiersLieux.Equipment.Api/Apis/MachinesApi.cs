using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Domain;
using TiersLieux.Equipment.Api.Infrastructure;
using TiersLieux.Equipment.Api.IntegrationEvents;
using TiersLieux.Equipment.Api.Jobs;
using TiersLieux.Messaging;
using TiersLieux.Security;
using TiersLieux.ServiceDefaults.Http;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Apis;

/// <summary>
/// /api/equipment/machines: the network's fablab machines. Anyone sees them (the website lists a place's machines); an operator registers and
/// runs the machines of their places (another place's machine is a 403); "may member M use it" answers with a reason.
/// </summary>
public static class MachinesApi
{
    public const string GetMachineRoute = "GetMachine";

    public static RouteGroupBuilder MapMachinesApi(this IEndpointRouteBuilder app)
    {
        var machines = app.MapGroup("/api/equipment/machines").WithTags("Machines").RequireAuthorization(PlatformPolicies.SignedIn);
        machines.MapGet("/", ListMachines).AllowAnonymous().WithName("ListMachines").WithSummary("Machines, paged, by place, category or status.");
        machines.MapGet("/{id:guid}", GetMachine).AllowAnonymous().WithName(GetMachineRoute).WithSummary("One machine.");
        machines.MapPost("/", RegisterMachine).RequireAuthorization(PlatformPolicies.Operator).WithName("RegisterMachine")
            .WithSummary("Registers a machine at a place (its operator); publishes MachineRegistered.");
        machines.MapPut("/{id:guid}", UpdateMachine).RequireAuthorization(PlatformPolicies.Operator).WithName("UpdateMachine").WithSummary("Changes a machine's details.");
        machines.MapPut("/{id:guid}/status", ChangeStatus).RequireAuthorization(PlatformPolicies.Operator).WithName("ChangeMachineStatus")
            .WithSummary("available, in-maintenance, out-of-service or retired; publishes MachineStatusChanged.");
        machines.MapPost("/{id:guid}/usage", RecordUsage).RequireAuthorization(PlatformPolicies.Operator).WithName("RecordMachineUsage")
            .WithSummary("Adds hours of use (and marks the member's qualification used); maintenance due by hours is announced at once.");
        machines.MapGet("/{id:guid}/check", Check).WithName("CheckMachineUse")
            .WithSummary("May this member use this machine at its place? Yes or no, with the reason (qualification, recognition, availability).");
        return machines;
    }

    public static async Task<Results<Ok<PagedResponse<MachineResponse>>, ProblemHttpResult>> ListMachines(EquipmentDbContext db, CancellationToken cancellationToken,
        Guid? placeId = null, string? category = null, string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = Paging.Validate(page, pageSize);
        var (c, categoryError) = KebabEnum.Filter<MachineCategory>(category, "category");
        var (s, statusError) = KebabEnum.Filter<MachineStatus>(status, "status");
        foreach (var (field, error) in new[] { ("category", categoryError), ("status", statusError) }.Where(e => e.Item2 is not null))
        {
            errors[field] = [error!];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var query = db.Machines.AsNoTracking();
        query = placeId is { } place ? query.Where(m => m.PlaceId == place) : query;
        query = c is { } wantedCategory ? query.Where(m => m.Category == wantedCategory) : query;
        query = s is { } wantedStatus ? query.Where(m => m.Status == wantedStatus) : query;
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(m => m.Name).ThenBy(m => m.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<MachineResponse>([.. items.Select(MachineResponse.From)], page, pageSize, total));
    }

    public static async Task<Results<Ok<MachineResponse>, ProblemHttpResult>> GetMachine(Guid id, EquipmentDbContext db, CancellationToken cancellationToken) =>
        await db.Machines.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is { } machine
            ? TypedResults.Ok(MachineResponse.From(machine))
            : Problems.NotFound("Machine", id);

    public static async Task<Results<CreatedAtRoute<MachineResponse>, ProblemHttpResult>> RegisterMachine(MachineRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.PlaceId is not { } placeId)
        {
            return Problems.Invalid(new Errors().Require("placeId", request.PlaceId));
        }

        if (!caller.Operates(placeId))
        {
            return Problems.Forbidden($"You do not act for place {placeId}: an operator registers their own place's machines.");
        }

        var (details, errors) = request.ToDetails();
        if (!await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
        {
            errors.Add("placeId", $"No place of the network has id {placeId}.");
        }

        await CheckQualificationAsync(db, details?.RequiredQualification, errors, cancellationToken);
        if (details is null || errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var (machine, _) = Machine.Register(placeId, details, clock.GetUtcNow());
        db.Machines.Add(machine!);
        db.AddIntegrationEvent(EquipmentEvents.Registered(machine!), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.CreatedAtRoute(MachineResponse.From(machine!), GetMachineRoute, new { id = machine!.Id });
    }

    public static async Task<Results<Ok<MachineResponse>, ProblemHttpResult>> UpdateMachine(Guid id, MachineRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        var (details, errors) = request.ToDetails();
        if (request.PlaceId is { } placeId && placeId != machine.PlaceId)
        {
            errors.Add("placeId", "A machine stays at its place: retire it and register it at the other place.");
        }

        await CheckQualificationAsync(db, details?.RequiredQualification, errors, cancellationToken);
        if (details is not null && !errors.Any)
        {
            errors = machine.Update(details, clock.GetUtcNow());
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // Booking keeps its machine resources in line (name, required qualification).
        db.AddIntegrationEvent(EquipmentEvents.Updated(machine), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MachineResponse.From(machine));
    }

    public static async Task<Results<Ok<MachineResponse>, ProblemHttpResult>> ChangeStatus(Guid id, StatusRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        if (request.Status is not { } status)
        {
            return Problems.Invalid(new Errors().Require("status", request.Status));
        }

        if (request.Reason is { Length: > 500 })
        {
            return Problems.Invalid(new Errors().Add("reason", "The reason has 500 characters at most."));
        }

        var outcome = machine.ChangeStatus(status, clock.GetUtcNow());
        if (outcome is { Length: > 0 })
        {
            return Problems.Conflict("The machine is retired.", outcome);
        }

        if (outcome is not null)
        {
            db.AddIntegrationEvent(EquipmentEvents.StatusChanged(machine, request.Reason?.Trim()), clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(MachineResponse.From(machine));
    }

    public static async Task<Results<Ok<MachineResponse>, ProblemHttpResult>> RecordUsage(Guid id, UsageRequest request, EquipmentDbContext db,
        Caller caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await FindOperatedAsync(db, caller, id, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        var errors = request.Hours is { } hours ? machine.RecordUsage(hours, now) : new Errors().Require("hours", request.Hours);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (request.MemberId is { } memberId && machine.RequiredQualification is { } code)
        {
            // Use keeps a qualification alive (it lapses after months without use).
            foreach (var held in await db.Qualifications.Where(q => q.MemberId == memberId && q.Code == code && q.RevokedAt == null).ToListAsync(cancellationToken))
            {
                held.Used(now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await MaintenanceWatch.AnnounceDueAsync(db, machine.Id, clock, cancellationToken);
        return TypedResults.Ok(MachineResponse.From(machine));
    }

    public static async Task<Results<Ok<UseCheck>, ProblemHttpResult>> Check(Guid id, Guid? memberId, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var machine = await db.Machines.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (machine is null)
        {
            return Problems.NotFound("Machine", id);
        }

        var member = memberId ?? caller.MemberId;
        if (member is not { } who)
        {
            return Problems.Invalid(new Errors().Add("memberId", "Whose use is checked: give memberId."));
        }

        if (!caller.Is(who) && !caller.Operates(machine.PlaceId))
        {
            return Problems.Forbidden("A member checks their own use; an operator checks at their place's machines.");
        }

        return TypedResults.Ok(await UseRules.CheckAsync(db, machine, who, clock.GetUtcNow(), cancellationToken));
    }

    /// <summary>The machine if the caller operates its place; a 404 or 403 otherwise.</summary>
    internal static async Task<(Machine? Machine, ProblemHttpResult? Refusal)> FindOperatedAsync(EquipmentDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var machine = await db.Machines.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (machine is null)
        {
            return (null, Problems.NotFound("Machine", id));
        }

        return caller.Operates(machine.PlaceId)
            ? (machine, null)
            : (null, Problems.Forbidden($"Machine {id} belongs to a place you do not act for."));
    }

    private static async Task CheckQualificationAsync(EquipmentDbContext db, string? code, Errors errors, CancellationToken cancellationToken)
    {
        if (code is not null && !errors.Has("requiredQualification") && !await db.QualificationTypes.AnyAsync(t => t.Code == code.Trim(), cancellationToken))
        {
            errors.Add("requiredQualification", $"No qualification '{code}' is defined in the network.");
        }
    }
}

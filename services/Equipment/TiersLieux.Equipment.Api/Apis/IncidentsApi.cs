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

/// <summary>
/// Incidents: any signed-in member reports a problem on a machine; an unsafe one takes the machine out of service at
/// once (MachineStatusChanged, so booking cancels what follows). The place's operators read and resolve them.
/// </summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/equipment").WithTags("Incidents").RequireAuthorization(PlatformPolicies.SignedIn);
        incidents.MapPost("/machines/{id:guid}/incidents", Report).WithName("ReportIncident")
            .WithSummary("Reports a problem; unsafe: true takes the machine out of service at once.");
        incidents.MapGet("/machines/{id:guid}/incidents", List).RequireAuthorization(PlatformPolicies.Operator).WithName("ListIncidents")
            .WithSummary("The machine's incidents, open ones first.");
        incidents.MapPost("/incidents/{id:guid}/resolution", Resolve).RequireAuthorization(PlatformPolicies.Operator).WithName("ResolveIncident")
            .WithSummary("Closes an incident; optionally puts the machine back in service.");
        return incidents;
    }

    public static async Task<Results<Created<Incident>, ProblemHttpResult>> Report(Guid id, IncidentRequest request, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var machine = await db.Machines.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (machine is null)
        {
            return Problems.NotFound("Machine", id);
        }

        var errors = new Errors().Require("description", request.Description).Require("unsafe", request.Unsafe);
        if (request.Description is { Length: > 4000 })
        {
            errors.Add("description", "The description has 4,000 characters at most.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(now), MachineId = id, ReportedBy = caller.Subject ?? "unknown", ReportedAt = now,
            Description = request.Description!.Trim(), Unsafe = request.Unsafe!.Value,
        };
        db.Incidents.Add(incident);
        if (incident.Unsafe && machine.Status is MachineStatus.Available or MachineStatus.InMaintenance && machine.ChangeStatus(MachineStatus.OutOfService, now) == "")
        {
            // Unsafe is unsafe: out of service in the same transaction as the report, nobody to wait for.
            db.AddIntegrationEvent(EquipmentEvents.StatusChanged(machine, $"unsafe incident: {incident.Description}"), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/equipment/machines/{id}/incidents", incident);
    }

    public static async Task<Results<Ok<List<Incident>>, ProblemHttpResult>> List(Guid id, EquipmentDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, id, cancellationToken);
        return machine is null
            ? refusal!
            : TypedResults.Ok(await db.Incidents.AsNoTracking().Where(i => i.MachineId == id)
                .OrderBy(i => i.ResolvedAt != null).ThenByDescending(i => i.ReportedAt).Take(500).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<Incident>, ProblemHttpResult>> Resolve(Guid id, ResolutionRequest request, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return Problems.NotFound("Incident", id);
        }

        var (machine, refusal) = await MachinesApi.FindOperatedAsync(db, caller, incident.MachineId, cancellationToken);
        if (machine is null)
        {
            return refusal!;
        }

        if (incident.ResolvedAt is not null)
        {
            return Problems.Conflict("The incident is resolved.", $"It was resolved on {incident.ResolvedAt:yyyy-MM-dd}.");
        }

        if (string.IsNullOrWhiteSpace(request.Resolution) || request.Resolution.Length > 4000)
        {
            return Problems.Invalid(new Errors().Add("resolution", "Say what was done (4,000 characters at most)."));
        }

        var now = clock.GetUtcNow();
        incident.ResolvedAt = now;
        incident.Resolution = request.Resolution.Trim();
        if (request.BackInService == true && machine.ChangeStatus(MachineStatus.Available, now) == "")
        {
            db.AddIntegrationEvent(EquipmentEvents.StatusChanged(machine, "incident resolved"), clock);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(incident);
    }
}

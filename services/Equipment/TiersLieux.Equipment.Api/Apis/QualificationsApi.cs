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
/// Qualifications: the network defines their kinds (how they lapse); an operator grants one at their place, or
/// training does when a course confers it; the granting place's operator (or the network team) revokes. A member
/// sees their own; operators and the network team any member's (to check them at their machines).
/// </summary>
public static class QualificationsApi
{
    public static RouteGroupBuilder MapQualificationsApi(this IEndpointRouteBuilder app)
    {
        var equipment = app.MapGroup("/api/equipment").WithTags("Qualifications").RequireAuthorization(PlatformPolicies.SignedIn);
        equipment.MapGet("/qualification-types", ListTypes).WithName("ListQualificationTypes").WithSummary("The qualifications the network recognises.");
        equipment.MapPost("/qualification-types", DefineType).RequireAuthorization(PlatformPolicies.NetworkAdmin).WithName("DefineQualificationType")
            .WithSummary("Defines a qualification: code, name, validity in months, months of inactivity before it lapses (network team).");
        equipment.MapGet("/qualifications", ListQualifications).WithName("ListQualifications").WithSummary("A member's qualifications, with whether each still holds.");
        equipment.MapPost("/qualifications", Grant).RequireAuthorization(PlatformPolicies.Operator).WithName("GrantQualification")
            .WithSummary("Grants a qualification at the operator's place; publishes QualificationGranted.");
        equipment.MapPost("/qualifications/{id:guid}/revocation", Revoke).RequireAuthorization(PlatformPolicies.Operator).WithName("RevokeQualification")
            .WithSummary("Revokes a qualification (the granting place's operator, or the network team); publishes QualificationRevoked.");
        return equipment;
    }

    public static async Task<Ok<List<QualificationType>>> ListTypes(EquipmentDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.QualificationTypes.AsNoTracking().OrderBy(t => t.Code).ToListAsync(cancellationToken));

    public static async Task<Results<Created<QualificationType>, ProblemHttpResult>> DefineType(QualificationTypeRequest request, EquipmentDbContext db, CancellationToken cancellationToken)
    {
        var (type, errors) = QualificationType.Define(request.Code, request.Name, request.ValidityMonths, request.InactivityMonths);
        if (type is null)
        {
            return Problems.Invalid(errors);
        }

        if (await db.QualificationTypes.AnyAsync(t => t.Code == type.Code, cancellationToken))
        {
            return Problems.Conflict("The qualification exists.", $"'{type.Code}' is defined already.");
        }

        db.QualificationTypes.Add(type);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/equipment/qualification-types", type);
    }

    public static async Task<Results<Ok<List<QualificationResponse>>, ProblemHttpResult>> ListQualifications(EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken, Guid? memberId = null)
    {
        var member = memberId ?? caller.MemberId;
        if (member is not { } who)
        {
            return Problems.Invalid(new Errors().Add("memberId", "Whose qualifications: give memberId."));
        }

        if (!caller.Is(who) && !caller.IsNetworkAdmin && !caller.IsPlaceOperator)
        {
            return Problems.Forbidden("A member sees their own qualifications.");
        }

        var now = clock.GetUtcNow();
        var types = await db.QualificationTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, cancellationToken);
        var held = await db.Qualifications.AsNoTracking().Where(q => q.MemberId == who).OrderBy(q => q.Code).ThenByDescending(q => q.GrantedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(held.Select(q => QualificationResponse.From(q, types[q.Code], now)).ToList());
    }

    public static async Task<Results<Created<QualificationResponse>, ProblemHttpResult>> Grant(GrantRequest request, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Errors().Require("memberId", request.MemberId).Require("code", request.Code).Require("placeId", request.PlaceId);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        if (!caller.Operates(request.PlaceId!.Value))
        {
            return Problems.Forbidden("An operator grants qualifications at the places they act for.");
        }

        var type = await db.QualificationTypes.FirstOrDefaultAsync(t => t.Code == request.Code, cancellationToken);
        if (type is null)
        {
            errors.Add("code", $"No qualification '{request.Code}' is defined in the network.");
        }

        if (!await db.Places.AnyAsync(p => p.Id == request.PlaceId, cancellationToken))
        {
            errors.Add("placeId", $"No place of the network has id {request.PlaceId}.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var qualification = Qualification.Grant(request.MemberId!.Value, type!, request.PlaceId, QualificationSource.Operator, caller.Subject ?? "operator", clock.GetUtcNow());
        db.Qualifications.Add(qualification);
        db.AddIntegrationEvent(EquipmentEvents.Granted(qualification), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/equipment/qualifications?memberId={qualification.MemberId}", QualificationResponse.From(qualification, type!, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<QualificationResponse>, ProblemHttpResult>> Revoke(Guid id, RevocationRequest request, EquipmentDbContext db, Caller caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var qualification = await db.Qualifications.FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (qualification is null)
        {
            return Problems.NotFound("Qualification", id);
        }

        if (!(qualification.GrantedAtPlaceId is { } place ? caller.Operates(place) : caller.IsNetworkAdmin))
        {
            return Problems.Forbidden("The place that granted a qualification revokes it, or the network team.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return Problems.Invalid(new Errors().Add("reason", "A revocation states its reason (500 characters at most)."));
        }

        var now = clock.GetUtcNow();
        if (!qualification.Revoke(request.Reason.Trim(), now))
        {
            return Problems.Conflict("The qualification is revoked already.", $"It was revoked on {qualification.RevokedAt:yyyy-MM-dd}.");
        }

        db.AddIntegrationEvent(EquipmentEvents.Revoked(qualification, $"revoked: {qualification.RevocationReason}", now), clock);
        // Traced in the network's audit trail (membership); the operator's reason stays here, with the qualification.
        db.AddIntegrationEvent(new Contracts.Audit.SensitiveActionTaken(Guid.CreateVersion7(now), "equipment", "qualification-revoked",
            caller.Actor, caller.Role, "qualification", qualification.Id.ToString(), qualification.MemberId,
            qualification.GrantedAtPlaceId is { } grantedAt ? [grantedAt] : [], $"revoked ({qualification.Code})", now), clock);
        await db.SaveChangesAsync(cancellationToken);
        var type = await db.QualificationTypes.AsNoTracking().SingleAsync(t => t.Code == qualification.Code, cancellationToken);
        return TypedResults.Ok(QualificationResponse.From(qualification, type, now));
    }
}

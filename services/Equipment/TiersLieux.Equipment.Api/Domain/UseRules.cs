using Microsoft.EntityFrameworkCore;
using TiersLieux.Equipment.Api.Apis;
using TiersLieux.Equipment.Api.Infrastructure;

namespace TiersLieux.Equipment.Api.Domain;

/// <summary>
/// "May member M use machine X at its place P?": the machine is available; it requires no qualification, or the member
/// holds a valid one (not revoked, not expired, not lapsed for lack of use) granted at a place P recognises (P itself,
/// every place, or those P lists; network trainings unless P recognises none). The first reason that says no is given.
/// </summary>
internal static class UseRules
{
    public static async Task<UseCheck> CheckAsync(EquipmentDbContext db, Machine machine, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        UseCheck Answer(bool allowed, string reason, string detail, Guid? qualification = null) =>
            new(machine.Id, memberId, machine.PlaceId, allowed, reason, detail, qualification);

        if (!machine.IsAvailable)
        {
            return Answer(false, "machine-unavailable", $"The machine is {Machine.StatusName(machine.Status)}.");
        }

        if (machine.RequiredQualification is not { } code)
        {
            return Answer(true, "allowed-no-qualification-required", "Anyone may use this machine.");
        }

        var type = await db.QualificationTypes.AsNoTracking().SingleAsync(t => t.Code == code, cancellationToken);
        var place = await db.Places.AsNoTracking().SingleAsync(p => p.Id == machine.PlaceId, cancellationToken);
        var held = await db.Qualifications.AsNoTracking().Where(q => q.MemberId == memberId && q.Code == code).OrderByDescending(q => q.GrantedAt).ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return Answer(false, "not-qualified", $"The machine requires the '{code}' qualification, which the member does not hold.");
        }

        var valid = held.Where(q => q.Lapse(type, now) is null).ToList();
        if (valid.Count == 0)
        {
            return Answer(false, "qualification-lapsed", $"The member's '{code}' qualification no longer holds: {held[0].Lapse(type, now)}.", held[0].Id);
        }

        var recognised = valid.FirstOrDefault(q => place.Accepts(q.GrantedAtPlaceId));
        return recognised is not null
            ? Answer(true, "qualified", $"The member holds '{code}' (granted {recognised.GrantedAt:yyyy-MM-dd}), recognised here.", recognised.Id)
            : Answer(false, "not-recognised", $"The member holds '{code}', but from a place {place.Name} does not recognise.", valid[0].Id);
    }
}

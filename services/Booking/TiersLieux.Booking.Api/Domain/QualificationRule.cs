namespace TiersLieux.Booking.Api.Domain;

/// <summary>
/// A machine that requires a qualification is booked only by a member holding it, valid until the booking ends, granted
/// at a place this place recognises (the same rule as equipment's check).
/// </summary>
public static class QualificationRule
{
    /// <summary>Null when the member may book; otherwise the rule's name and why.</summary>
    public static (string Rule, string Detail)? Check(string? required, BookingPlace place, IEnumerable<HeldQualification> held, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (required is null)
        {
            return null;
        }

        var valid = held.Where(q => q.Code == required && q.HoldsUntil(end)).ToList();
        if (valid.Count == 0)
        {
            return ("not-qualified", $"This machine requires the '{required}' qualification, valid until the booking ends, which the member does not hold.");
        }

        return valid.Any(q => place.Accepts(q.GrantedAtPlaceId))
            ? null
            : ("qualification-not-recognised", $"The member holds '{required}', but granted at a place {place.Name} does not recognise.");
    }
}

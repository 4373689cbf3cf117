namespace TiersLieux.Training.Api.Domain;

/// <summary>A time slot of a session (a morning, a day): the unit of attendance (émargement).</summary>
public sealed record TimeSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public decimal Hours => (decimal)(EndsAt - StartsAt).TotalHours;
}

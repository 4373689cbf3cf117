namespace TiersLieux.Booking.Api.Domain;

/// <summary>A resource's booking rules, with sensible defaults (30-minute slots, 30 minutes to 12 hours, 60 days ahead, no notice).</summary>
public sealed record ResourceRules(int SlotMinutes = 30, int MinMinutes = 30, int MaxMinutes = 720, int MaxDaysAhead = 60, int MinNoticeMinutes = 0)
{
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (SlotMinutes is not (5 or 10 or 15 or 20 or 30 or 60))
        {
            yield return ("slotMinutes", "Slots are 5, 10, 15, 20, 30 or 60 minutes.");
        }

        if (MinMinutes < SlotMinutes || MaxMinutes < MinMinutes || MaxMinutes > 14 * 24 * 60)
        {
            yield return ("maxMinutes", "The shortest booking is at least a slot, the longest at least the shortest and 14 days at most.");
        }

        if (MaxDaysAhead is < 1 or > 730)
        {
            yield return ("maxDaysAhead", "Members book 1 to 730 days ahead.");
        }

        if (MinNoticeMinutes is < 0 or > 60 * 24 * 30)
        {
            yield return ("minNoticeMinutes", "The notice is 0 minutes to 30 days.");
        }
    }
}

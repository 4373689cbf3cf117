using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

/// <summary>
/// Preventive maintenance of a machine: a task every N hours of use, every N days, or whichever comes first. Due is
/// computed from the machine's real hours and the calendar; it is announced once per cycle (MaintenanceDue).
/// </summary>
public sealed class MaintenancePlan
{
    private MaintenancePlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid MachineId { get; private set; }

    public string Task { get; private set; } = "";

    public int? EveryHours { get; private set; }

    public int? EveryDays { get; private set; }

    public DateTimeOffset LastDoneAt { get; private set; }

    public decimal LastDoneAtHours { get; private set; }

    /// <summary>When this cycle's due date was announced; cleared when the maintenance is done.</summary>
    public DateTimeOffset? DueAnnouncedAt { get; private set; }

    public static (MaintenancePlan? Plan, Errors Errors) Create(Machine machine, string? task, int? everyHours, int? everyDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var errors = new Errors().Require("task", task);
        if (task is { Length: > 300 })
        {
            errors.Add("task", "The task has 300 characters at most.");
        }

        if (everyHours is null && everyDays is null)
        {
            errors.Add("everyHours", "A plan runs every N hours of use, every N days, or both.");
        }

        if (everyHours is < 1 or > 100_000)
        {
            errors.Add("everyHours", "Every 1 to 100,000 hours of use.");
        }

        if (everyDays is < 1 or > 3660)
        {
            errors.Add("everyDays", "Every 1 to 3,660 days.");
        }

        return errors.Any
            ? (null, errors)
            : (new MaintenancePlan
            {
                Id = Guid.CreateVersion7(now),
                MachineId = machine.Id,
                Task = task!.Trim(),
                EveryHours = everyHours,
                EveryDays = everyDays,
                LastDoneAt = now,
                LastDoneAtHours = machine.UsageHours,
            }, errors);
    }

    /// <summary>Due by hours of use or by days since it was last done.</summary>
    public bool IsDue(decimal usageHours, DateTimeOffset now) =>
        (EveryHours is { } hours && usageHours - LastDoneAtHours >= hours) || (EveryDays is { } days && LastDoneAt.AddDays(days) <= now);

    /// <summary>True the first time a due plan is seen in this cycle: the moment to announce it.</summary>
    public bool AnnounceIfDue(decimal usageHours, DateTimeOffset now)
    {
        if (DueAnnouncedAt is not null || !IsDue(usageHours, now))
        {
            return false;
        }

        DueAnnouncedAt = now;
        return true;
    }

    public void Done(decimal usageHours, DateTimeOffset now)
    {
        LastDoneAt = now;
        LastDoneAtHours = usageHours;
        DueAnnouncedAt = null;
    }
}

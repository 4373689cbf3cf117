using System.Text.Json;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Booking.Api.Domain;

/// <summary>
/// Something of a place members book: a desk, seats of an open space, a room, an event space, a machine; and its
/// booking rules (slot granularity, shortest and longest booking, how far ahead, how much notice).
/// </summary>
public sealed class Resource
{
    private Resource()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlaceId { get; private set; }

    public string Name { get; private set; } = "";

    public ResourceKind Kind { get; private set; }

    /// <summary>1 for a single resource (a desk, a room, a machine); N for an open space.</summary>
    public int Seats { get; private set; }

    public Guid? MachineId { get; private set; }

    /// <summary>The qualification code a machine requires (from equipment's events); null when none.</summary>
    public string? RequiredQualification { get; private set; }

    /// <summary>The version of equipment's machine details applied (MachineRegistered/Updated).</summary>
    public int MachineVersion { get; private set; }

    /// <summary>The version of the machine's status applied (any machine event carries one).</summary>
    public int StatusVersion { get; private set; }

    /// <summary>False while a machine is in maintenance, out of service or retired (from equipment's events).</summary>
    public bool Available { get; private set; }

    public int SlotMinutes { get; private set; }

    public int MinMinutes { get; private set; }

    public int MaxMinutes { get; private set; }

    public int MaxDaysAhead { get; private set; }

    public int MinNoticeMinutes { get; private set; }

    /// <summary>
    /// One booking at a time: the database's exclusion constraint holds it. An open space (even of one seat) is counted
    /// seat by seat under its row lock instead, whatever its seats become.
    /// </summary>
    public bool Exclusive => Kind != ResourceKind.OpenSpace;

    public static string KindName(ResourceKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static (Resource? Resource, Errors Errors) Create(Guid placeId, string? name, ResourceKind? kind, int? seats, ResourceRules rules, Guid? machineId = null, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Errors().Require("name", name).Require("kind", kind);
        if (name is { Length: > 200 })
        {
            errors.Add("name", "The name has 200 characters at most.");
        }

        var seatCount = seats ?? 1;
        if (kind == ResourceKind.OpenSpace ? seatCount is < 1 or > 500 : seatCount != 1)
        {
            errors.Add("seats", "An open space has 1 to 500 seats; every other resource is booked whole (1).");
        }

        foreach (var (field, message) in rules.Validate())
        {
            errors.Add(field, message);
        }

        return errors.Any
            ? (null, errors)
            : (new Resource
            {
                Id = id ?? Guid.CreateVersion7(),
                PlaceId = placeId,
                Name = name!.Trim(),
                Kind = kind!.Value,
                Seats = seatCount,
                MachineId = machineId,
                Available = true,
                SlotMinutes = rules.SlotMinutes,
                MinMinutes = rules.MinMinutes,
                MaxMinutes = rules.MaxMinutes,
                MaxDaysAhead = rules.MaxDaysAhead,
                MinNoticeMinutes = rules.MinNoticeMinutes,
            }, errors);
    }

    /// <summary>
    /// The operator's changes: name (not a machine's: equipment names it), seats (an open space's), booking rules.
    /// Null leaves a value as it is. Bookings already made stand.
    /// </summary>
    public Errors Update(string? name, int? seats, ResourceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new Errors();
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > 200))
        {
            errors.Add("name", "The name has 1 to 200 characters.");
        }
        else if (name is not null && Kind == ResourceKind.Machine && name.Trim() != Name)
        {
            errors.Add("name", "A machine is named in equipment.");
        }

        if (seats is { } count && (Kind == ResourceKind.OpenSpace ? count is < 1 or > 500 : count != 1))
        {
            errors.Add("seats", "An open space has 1 to 500 seats; every other resource is booked whole (1).");
        }

        foreach (var (field, message) in rules.Validate())
        {
            errors.Add(field, message);
        }

        if (errors.Any)
        {
            return errors;
        }

        Name = name?.Trim() ?? Name;
        Seats = seats ?? Seats;
        (SlotMinutes, MinMinutes, MaxMinutes, MaxDaysAhead, MinNoticeMinutes) = (rules.SlotMinutes, rules.MinMinutes, rules.MaxMinutes, rules.MaxDaysAhead, rules.MinNoticeMinutes);
        return errors;
    }

    /// <summary>Keeps a machine's details in line with equipment (MachineRegistered/Updated); a stale or repeated version changes nothing.</summary>
    public void SyncMachine(string name, string? requiredQualification, int version)
    {
        if (version > MachineVersion)
        {
            Name = name.Length > 200 ? name[..200] : name;
            RequiredQualification = requiredQualification;
            MachineVersion = version;
        }
    }

    /// <summary>Applies a machine's status of a newer version; false for a stale or repeated one.</summary>
    public bool SyncStatus(bool available, int version)
    {
        if (version <= StatusVersion)
        {
            return false;
        }

        Available = available;
        StatusVersion = version;
        return true;
    }

    /// <summary>The resource's limits on a requested period; each broken one named.</summary>
    public Errors CheckPeriod(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var errors = new Errors();
        var minutes = (endsAt - startsAt).TotalMinutes;
        if (endsAt <= startsAt)
        {
            return errors.Add("endsAt", "A booking ends after it starts.");
        }

        if (startsAt.Second != 0 || startsAt.Millisecond != 0 || (startsAt.Hour * 60 + startsAt.Minute) % SlotMinutes != 0 || minutes % SlotMinutes != 0)
        {
            errors.Add("startsAt", $"Bookings of {Name} start and end on {SlotMinutes}-minute slots.");
        }

        if (minutes < MinMinutes || minutes > MaxMinutes)
        {
            errors.Add("endsAt", $"A booking of {Name} lasts {MinMinutes} to {MaxMinutes} minutes.");
        }

        if (startsAt < now.AddMinutes(MinNoticeMinutes))
        {
            errors.Add("startsAt", MinNoticeMinutes == 0 ? "A booking starts in the future." : $"{Name} is booked at least {MinNoticeMinutes} minutes ahead.");
        }

        if (startsAt > now.AddDays(MaxDaysAhead))
        {
            errors.Add("startsAt", $"{Name} is booked at most {MaxDaysAhead} days ahead.");
        }

        return errors;
    }
}

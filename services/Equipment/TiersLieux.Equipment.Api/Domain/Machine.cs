using System.Text.Json;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

/// <summary>A fablab machine of a place: who may use it, what it costs, its state and its hours of use.</summary>
public sealed class Machine
{
    private Machine()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlaceId { get; private set; }

    public string Name { get; private set; } = "";

    public MachineCategory Category { get; private set; }

    public string? Make { get; private set; }

    public string? Model { get; private set; }

    public string? Description { get; private set; }

    public MachineStatus Status { get; private set; }

    /// <summary>The qualification code a member must hold; null when anyone may use it.</summary>
    public string? RequiredQualification { get; private set; }

    public string? SafetyNotes { get; private set; }

    /// <summary>What an hour costs a member, in euro cents.</summary>
    public int HourlyCostCents { get; private set; }

    /// <summary>Hours of use recorded so far (the hour counter preventive maintenance follows).</summary>
    public decimal UsageHours { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static (Machine? Machine, Errors Errors) Register(Guid placeId, MachineDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate();
        if (errors.Any)
        {
            return (null, errors);
        }

        var machine = new Machine { Id = Guid.CreateVersion7(now), PlaceId = placeId, Status = MachineStatus.Available, Version = 1, CreatedAt = now };
        machine.Apply(details, now);
        return (machine, errors);
    }

    public Errors Update(MachineDetails details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = details.Validate();
        if (!errors.Any)
        {
            Apply(details, now);
            Version++;
        }

        return errors;
    }

    /// <summary>
    /// A change of state; null when nothing changes, else the error or "" for done. A retired machine stays retired.
    /// </summary>
    public string? ChangeStatus(MachineStatus status, DateTimeOffset now)
    {
        if (Status == status)
        {
            return null;
        }

        if (Status == MachineStatus.Retired)
        {
            return "A retired machine is not brought back: register it again.";
        }

        Status = status;
        UpdatedAt = now;
        Version++;
        return "";
    }

    public Errors RecordUsage(decimal hours, DateTimeOffset now)
    {
        var errors = new Errors();
        if (hours is <= 0 or > 24 * 31)
        {
            errors.Add("hours", "Hours of use are more than 0 and at most a month's worth (744).");
        }

        if (Status == MachineStatus.Retired)
        {
            errors.Add("hours", "A retired machine is not used.");
        }

        if (!errors.Any)
        {
            UsageHours += hours;
            UpdatedAt = now;
        }

        return errors;
    }

    public bool IsAvailable => Status == MachineStatus.Available;

    /// <summary>The status as the API and the events spell it (available, in-maintenance, ...).</summary>
    public static string StatusName(MachineStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static string CategoryName(MachineCategory category) => category == MachineCategory.ThreeDPrinter
        ? "3d-printer"
        : JsonNamingPolicy.KebabCaseLower.ConvertName(category.ToString());

    private void Apply(MachineDetails details, DateTimeOffset now)
    {
        Name = details.Name.Trim();
        Category = details.Category;
        Make = details.Make?.Trim();
        Model = details.Model?.Trim();
        Description = details.Description?.Trim();
        RequiredQualification = string.IsNullOrWhiteSpace(details.RequiredQualification) ? null : details.RequiredQualification.Trim();
        SafetyNotes = details.SafetyNotes?.Trim();
        HourlyCostCents = details.HourlyCostCents;
        UpdatedAt = now;
    }
}

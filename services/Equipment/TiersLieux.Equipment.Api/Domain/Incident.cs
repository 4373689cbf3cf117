namespace TiersLieux.Equipment.Api.Domain;

/// <summary>
/// A problem a member or an operator reports on a machine. An unsafe one takes the machine out of service at once;
/// an operator resolves it.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }

    public Guid MachineId { get; set; }

    /// <summary>Who reported it (the token's subject); "erased" once that member exercised their right to erasure.</summary>
    public string ReportedBy { get; set; } = "";

    public DateTimeOffset ReportedAt { get; set; }

    public string Description { get; set; } = "";

    public bool Unsafe { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? Resolution { get; set; }
}

namespace TiersLieux.Training.Api.Domain;

public enum SessionStatus
{
    Scheduled,
    Cancelled,

    /// <summary>Over, attendance counted, certificates issued.</summary>
    Completed,
}

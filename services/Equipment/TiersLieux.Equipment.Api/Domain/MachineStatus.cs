namespace TiersLieux.Equipment.Api.Domain;

public enum MachineStatus
{
    Available,
    InMaintenance,
    OutOfService,

    /// <summary>Gone for good: kept for its history, never available again.</summary>
    Retired,
}

namespace TiersLieux.Web.Platform;

/// <summary>A resource members book, with its booking rules (minutes).</summary>
public sealed record BookableResource(Guid Id, Guid PlaceId, string Name, string Kind, int Seats, Guid? MachineId, bool Available, int SlotMinutes, int MinMinutes, int MaxMinutes, int MaxDaysAhead, int MinNoticeMinutes, string? RequiredQualification);

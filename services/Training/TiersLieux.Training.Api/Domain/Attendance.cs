namespace TiersLieux.Training.Api.Domain;

/// <summary>One learner's attendance at one time slot (feuille d'émargement).</summary>
public sealed class Attendance
{
    public Guid SessionId { get; set; }

    public int SlotIndex { get; set; }

    public Guid EnrolmentId { get; set; }

    public AttendanceStatus Status { get; set; }

    public string RecordedBy { get; set; } = "";
}

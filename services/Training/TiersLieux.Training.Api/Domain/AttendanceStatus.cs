namespace TiersLieux.Training.Api.Domain;

public enum AttendanceStatus
{
    Present,
    Absent,
    Excused,
}

namespace TiersLieux.Training.Api.Domain;

public enum CourseKind
{
    /// <summary>A long professional course (a 6-month web developer course, 840 hours).</summary>
    LongCourse,

    /// <summary>A university diploma (DU de fabmanager).</summary>
    Diploma,
    ShortWorkshop,
    MachineSafety,
    SchoolOutreach,
}

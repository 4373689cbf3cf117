namespace TiersLieux.Training.Api.Domain;

public enum EnrolmentStatus
{
    Confirmed,

    /// <summary>On the waiting list: promoted in order of enrolment when a seat frees.</summary>
    Waitlisted,
    Cancelled,
}

namespace TiersLieux.Membership.Api.Domain;

public enum EmploymentStatus
{
    Employed,
    SelfEmployed,
    JobSeeker,
    Student,
    Retired,
    Other,
}

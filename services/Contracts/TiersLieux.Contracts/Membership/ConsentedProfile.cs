namespace TiersLieux.Contracts.Membership;

/// <summary>
/// The funder-reporting data a member consented to give (RGPD: explicit consent, kept by membership), sent with
/// <see cref="MemberRegistered"/> and <see cref="MemberUpdated"/> so training's cohort figures can count shares of
/// women, job seekers, priority-neighbourhood residents and people with recognised disability. Aggregates only.
/// </summary>
/// <param name="Gender">woman, man or other.</param>
/// <param name="EmploymentStatus">employed, self-employed, job-seeker, student, retired or other.</param>
public sealed record ConsentedProfile(string? Gender, int? BirthYear, bool? PriorityNeighbourhoodResident, string? EmploymentStatus, bool? DisabilityRecognised);

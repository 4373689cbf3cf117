namespace TiersLieux.Training.Api.Domain;

/// <summary>Where a learner stands after a long course (the funders' categories).</summary>
public enum EmploymentOutcome
{
    PermanentContract,
    FixedTermContract,
    Apprenticeship,
    BusinessCreation,
    FurtherTraining,
    JobSeeking,
    Inactive,
    Unknown,
}

namespace TiersLieux.Web.Platform;

/// <summary>
/// What training reports of a cohort for the funders: rates are 0 to 1 (null with no one to count), and the shares
/// are counted among the learners who consented to give such data.
/// </summary>
public sealed record CohortFigures(int Learners, decimal HoursDelivered, decimal LearnerHours, int Completed, double? CompletionRate,
    int OutcomesAtEnd, double? PositiveExitRate, int OutcomesAtSixMonths, double? PositiveExitRateAtSixMonths, int ConsentedLearners,
    double? WomenShare, double? JobSeekerShare, double? PriorityNeighbourhoodShare, double? DisabilityShare);

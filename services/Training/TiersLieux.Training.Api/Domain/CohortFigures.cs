namespace TiersLieux.Training.Api.Domain;

/// <summary>
/// What funders ask of a cohort: learners, hours, completion, positive exits, and the shares of women, job seekers,
/// priority-neighbourhood residents (QPV) and people with recognised disability, these counted among the learners who
/// consented to give such data (the others are not guessed). Rates are 0 to 1, rounded to 3 decimals; null with no one to count.
/// </summary>
public sealed record CohortFigures(
    int Learners,
    decimal HoursDelivered,
    decimal LearnerHours,
    int Completed,
    double? CompletionRate,
    int OutcomesAtEnd,
    double? PositiveExitRate,
    int OutcomesAtSixMonths,
    double? PositiveExitRateAtSixMonths,
    int ConsentedLearners,
    double? WomenShare,
    double? JobSeekerShare,
    double? PriorityNeighbourhoodShare,
    double? DisabilityShare)
{
    /// <param name="learners">Confirmed enrolments of sessions that ran, with what training knows of each learner.</param>
    /// <param name="hoursDelivered">The sessions' scheduled hours.</param>
    public static CohortFigures Of(IReadOnlyCollection<(Enrolment Enrolment, Learner? Learner)> learners, decimal hoursDelivered)
    {
        ArgumentNullException.ThrowIfNull(learners);
        static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 3);
        var atEnd = learners.Where(l => l.Enrolment.OutcomeAtEnd is not null).ToList();
        var atSix = learners.Where(l => l.Enrolment.OutcomeAtSixMonths is not null).ToList();
        var consented = learners.Where(l => l.Learner is { Consented: true }).Select(l => l.Learner!).ToList();
        var completed = learners.Count(l => l.Enrolment.Completed);
        return new CohortFigures(
            learners.Count,
            hoursDelivered,
            learners.Sum(l => l.Enrolment.AttendedHours ?? 0),
            completed,
            Rate(completed, learners.Count),
            atEnd.Count,
            Rate(atEnd.Count(l => Enrolment.IsPositive(l.Enrolment.OutcomeAtEnd!.Value)), atEnd.Count),
            atSix.Count,
            Rate(atSix.Count(l => Enrolment.IsPositive(l.Enrolment.OutcomeAtSixMonths!.Value)), atSix.Count),
            consented.Count,
            Rate(consented.Count(l => l.Gender == "woman"), consented.Count),
            Rate(consented.Count(l => l.EmploymentStatus == "job-seeker"), consented.Count),
            Rate(consented.Count(l => l.PriorityNeighbourhoodResident == true), consented.Count),
            Rate(consented.Count(l => l.DisabilityRecognised == true), consented.Count));
    }
}

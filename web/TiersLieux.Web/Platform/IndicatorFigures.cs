namespace TiersLieux.Web.Platform;

/// <summary>The counts the funders ask for, over a period.</summary>
public sealed record IndicatorFigures(int MembersAtEnd, int NewMembers, int ActiveSubscriptionsAtEnd, int SubscriptionsStarted, int SubscriptionsEnded,
    decimal BookedHours, decimal MachineHours, decimal TrainingHours, int Learners);

namespace TiersLieux.Membership.Api.Domain;

public enum PlanKind
{
    DayPass,
    HourPack,
    MonthlyCoworking,
    AnnualFablab,

    /// <summary>Defined by the network, valid at every place that accepts it.</summary>
    NetworkPass,
}

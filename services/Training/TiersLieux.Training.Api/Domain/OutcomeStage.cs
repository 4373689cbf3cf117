namespace TiersLieux.Training.Api.Domain;

public enum OutcomeStage
{
    /// <summary>At the end of the course.</summary>
    End,

    /// <summary>Six months after the end.</summary>
    SixMonths,
}

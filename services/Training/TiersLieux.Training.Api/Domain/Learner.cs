namespace TiersLieux.Training.Api.Domain;

/// <summary>A member as training knows them (from membership's events): a name for certificates, and consented data for funders.</summary>
public sealed class Learner
{
    public Guid MemberId { get; set; }

    public string DisplayName { get; set; } = "";

    public int Version { get; set; }

    /// <summary>Null without consent; the rest only ever counted in aggregate.</summary>
    public string? Gender { get; set; }

    public string? EmploymentStatus { get; set; }

    public bool? PriorityNeighbourhoodResident { get; set; }

    public bool? DisabilityRecognised { get; set; }

    public bool Consented { get; set; }
}

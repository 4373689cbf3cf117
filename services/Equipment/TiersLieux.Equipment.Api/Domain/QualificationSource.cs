namespace TiersLieux.Equipment.Api.Domain;

public enum QualificationSource
{
    /// <summary>Granted by an operator at a place, after a check on the machine.</summary>
    Operator,

    /// <summary>Granted when training published TrainingCompleted for a course that confers it.</summary>
    Training,
}

namespace TiersLieux.Contracts.Equipment;

/// <summary>The values of <see cref="RecognitionChanged.Mode"/> (lower case on the wire).</summary>
public enum RecognitionMode
{
    /// <summary>Every place's qualifications and the network's trainings (the network's default).</summary>
    All,

    /// <summary>Only qualifications granted here.</summary>
    None,

    /// <summary>Qualifications granted here, at the listed places, and by the network's trainings.</summary>
    Listed,
}

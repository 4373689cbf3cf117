namespace TiersLieux.Training.Api.Domain;

/// <summary>A place of the network as training knows it.</summary>
public sealed class TrainingPlace : TiersLieux.Messaging.IPlaceCopy
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; }
}

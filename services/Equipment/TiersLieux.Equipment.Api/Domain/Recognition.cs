using TiersLieux.Messaging;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

public enum RecognitionMode
{
    /// <summary>Every place's qualifications and the network's trainings (the network's default).</summary>
    All,

    /// <summary>Only qualifications granted here.</summary>
    None,

    /// <summary>Qualifications granted here, at the listed places, and by the network's trainings.</summary>
    Listed,
}

/// <summary>
/// A place of the network as equipment knows it (from the directory's events), and which other places'
/// qualifications it accepts for its machines.
/// </summary>
public sealed class EquipmentPlace : IPlaceCopy
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; }

    public RecognitionMode Recognition { get; set; } = RecognitionMode.All;

    public List<Guid> AcceptedPlaceIds { get; set; } = [];

    /// <summary>Grows with every change of recognition, so booking applies RecognitionChanged in order.</summary>
    public int RecognitionVersion { get; set; }

    /// <summary>Does this place accept a qualification granted at <paramref name="grantedAt"/> (null: a network training)?</summary>
    public bool Accepts(Guid? grantedAt) => grantedAt == Id || Recognition switch
    {
        RecognitionMode.All => true,
        RecognitionMode.Listed => grantedAt is null || AcceptedPlaceIds.Contains(grantedAt.Value),
        _ => false,
    };

    public Errors SetRecognition(RecognitionMode mode, IReadOnlyCollection<Guid> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var errors = new Errors();
        if (!Enum.IsDefined(mode))
        {
            errors.Add("mode", "The mode is all, none or listed.");
        }
        else if (mode != RecognitionMode.Listed && accepted.Count > 0)
        {
            errors.Add("acceptedPlaceIds", "Places are listed only with the mode 'listed'.");
        }
        else if (accepted.Contains(Id))
        {
            errors.Add("acceptedPlaceIds", "A place always accepts its own qualifications: list the others.");
        }

        if (!errors.Any)
        {
            Recognition = mode;
            AcceptedPlaceIds = [.. accepted.Distinct()];
            RecognitionVersion++;
        }

        return errors;
    }
}

using TiersLieux.Contracts.Equipment;
using TiersLieux.Messaging;
using TiersLieux.ServiceDefaults.Validation;

namespace TiersLieux.Equipment.Api.Domain;

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
    public bool Accepts(Guid? grantedAt) => RecognitionRule.Accepts(Id, Recognition, AcceptedPlaceIds, grantedAt);

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

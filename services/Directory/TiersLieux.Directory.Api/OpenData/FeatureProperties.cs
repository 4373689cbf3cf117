using System.Text.Json.Serialization;

namespace TiersLieux.Directory.Api.OpenData;

public sealed record FeatureProperties(
    string Name,
    string Typology,
    string Address,
    string Postcode,
    string Commune,
    string Department,
    IReadOnlyList<string> Services,
    string? OpeningHours,
    Uri? Website,
    bool Labelled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LabelEdition,
    bool? WheelchairAccessible);

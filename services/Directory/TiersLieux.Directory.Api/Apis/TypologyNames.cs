using System.Text.Json;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Apis;

/// <summary>Typologies as the API and the events spell them: coworking, fablab, digital-mediation, hybrid.</summary>
public static class TypologyNames
{
    public static string Of(PlaceTypology typology) => JsonNamingPolicy.KebabCaseLower.ConvertName(typology.ToString());

    public static bool TryParse(string value, out PlaceTypology typology)
    {
        foreach (var candidate in Enum.GetValues<PlaceTypology>())
        {
            if (string.Equals(Of(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                typology = candidate;
                return true;
            }
        }

        typology = default;
        return false;
    }
}

using System.Globalization;
using TiersLieux.Directory.Api.Domain;

namespace TiersLieux.Directory.Api.Demo;

/// <summary>
/// SAMPLE DATA, not the real network: plausible tiers-lieux spread over the 13 départements of Occitanie, in real
/// communes with their postcodes and coordinates (slightly moved apart), for demos, tests and benchmarks. Every
/// generated place says so in its description and operator. The same seed gives the same places.
/// </summary>
public static class SampleNetwork
{
    public const string Marker = "[Données d'exemple]";

    /// <summary>The labelled network the demo shows besides IN'ESS: 59 coworking spaces, 39 fablabs, 12 digital-mediation spaces.</summary>
    public static readonly IReadOnlyList<(PlaceTypology Typology, int Count)> LabelledNetwork =
        [(PlaceTypology.Coworking, 59), (PlaceTypology.Fablab, 39), (PlaceTypology.DigitalMediation, 12)];

    private static readonly (string Commune, string Postcode, string Department, double Latitude, double Longitude)[] Communes =
    [
        ("Foix", "09000", "09", 42.965, 1.607), ("Pamiers", "09100", "09", 43.116, 1.611), ("Saint-Girons", "09200", "09", 42.985, 1.146),
        ("Carcassonne", "11000", "11", 43.213, 2.351), ("Narbonne", "11100", "11", 43.184, 3.004), ("Limoux", "11300", "11", 43.054, 2.218),
        ("Castelnaudary", "11400", "11", 43.318, 1.954), ("Rodez", "12000", "12", 44.350, 2.575), ("Millau", "12100", "12", 44.098, 3.078),
        ("Villefranche-de-Rouergue", "12200", "12", 44.352, 2.035), ("Nîmes", "30000", "30", 43.837, 4.360), ("Alès", "30100", "30", 44.125, 4.081),
        ("Uzès", "30700", "30", 44.012, 4.420), ("Toulouse", "31000", "31", 43.604, 1.444), ("Muret", "31600", "31", 43.462, 1.326),
        ("Saint-Gaudens", "31800", "31", 43.108, 0.723), ("Blagnac", "31700", "31", 43.637, 1.389), ("Auch", "32000", "32", 43.646, 0.586),
        ("Condom", "32100", "32", 43.958, 0.372), ("Fleurance", "32500", "32", 43.848, 0.663), ("Montpellier", "34000", "34", 43.611, 3.877),
        ("Béziers", "34500", "34", 43.344, 3.216), ("Sète", "34200", "34", 43.403, 3.697), ("Lodève", "34700", "34", 43.731, 3.319),
        ("Cahors", "46000", "46", 44.447, 1.441), ("Figeac", "46100", "46", 44.609, 2.032), ("Gourdon", "46300", "46", 44.737, 1.383),
        ("Mende", "48000", "48", 44.518, 3.500), ("Marvejols", "48100", "48", 44.554, 3.291), ("Florac-Trois-Rivières", "48400", "48", 44.324, 3.593),
        ("Tarbes", "65000", "65", 43.233, 0.078), ("Lourdes", "65100", "65", 43.095, -0.046), ("Bagnères-de-Bigorre", "65200", "65", 43.065, 0.149),
        ("Perpignan", "66000", "66", 42.699, 2.895), ("Prades", "66500", "66", 42.617, 2.422), ("Céret", "66400", "66", 42.486, 2.748),
        ("Albi", "81000", "81", 43.929, 2.148), ("Castres", "81100", "81", 43.606, 2.241), ("Gaillac", "81600", "81", 43.902, 1.897),
        ("Montauban", "82000", "82", 44.018, 1.355), ("Castelsarrasin", "82100", "82", 44.040, 1.107), ("Moissac", "82200", "82", 44.105, 1.085),
    ];

    private static readonly Dictionary<PlaceTypology, string[]> Names = new()
    {
        [PlaceTypology.Coworking] = ["Coworking de {0}", "La Ruche de {0}", "Le Bureau partagé de {0}", "L'Escale {0}", "La Fabrique à projets de {0}", "Le Quai des Possibles de {0}"],
        [PlaceTypology.Fablab] = ["Fablab de {0}", "L'Atelier partagé de {0}", "Le Labo de fabrication de {0}", "La Forge numérique de {0}"],
        [PlaceTypology.DigitalMediation] = ["Espace numérique de {0}", "Point d'accès numérique de {0}", "La Passerelle numérique de {0}"],
        [PlaceTypology.Hybrid] = ["Tiers-lieu de {0}"],
    };

    private static readonly Dictionary<PlaceTypology, string[][]> ServiceSets = new()
    {
        [PlaceTypology.Coworking] = [["open-space", "meeting-rooms"], ["open-space", "private-offices", "meeting-rooms", "business-address"], ["open-space", "catering", "event-space"], ["open-space", "business-incubation", "training"]],
        [PlaceTypology.Fablab] = [["fablab-machines", "training"], ["fablab-machines", "open-space"], ["fablab-machines", "training", "event-space"]],
        [PlaceTypology.DigitalMediation] = [["public-digital-access", "digital-support"], ["public-digital-access", "digital-support", "training"]],
        [PlaceTypology.Hybrid] = [["open-space", "fablab-machines", "meeting-rooms", "catering"]],
    };

    private static readonly string[] Hours =
        ["Mo-Fr 09:00-18:00", "Mo-Fr 08:30-12:30,13:30-18:30", "Tu-Sa 10:00-19:00", "Mo-Fr 09:00-17:00; Sa 10:00-12:00", "Mo,We,Fr 14:00-18:00", "Mo-Su 08:00-20:00", "24/7"];

    private static readonly string[] Pitches =
    [
        "Un lieu convivial pour travailler, se rencontrer et entreprendre ensemble.",
        "Ateliers de fabrication, réparation et prototypage ouverts à tous.",
        "Accompagnement aux démarches en ligne et initiation aux outils numériques.",
        "Bureaux partagés, salles de réunion et événements pour les indépendants du territoire.",
        "Un espace de création et d'innovation au cœur du bassin de vie.",
    ];

    /// <summary>The demo network: 110 sample places (59 coworking, 39 fablabs, 12 digital mediation), IN'ESS aside.</summary>
    public static IReadOnlyList<PlaceDetails> Network() =>
        [.. LabelledNetwork.SelectMany(part => Enumerable.Repeat(part.Typology, part.Count)).Select((typology, index) => Place(typology, index, seed: 2026))];

    /// <summary>Any number of sample places of mixed typologies (benchmarks).</summary>
    public static IReadOnlyList<PlaceDetails> Generate(int count, int seed)
    {
        var typologies = Enum.GetValues<PlaceTypology>();
        return [.. Enumerable.Range(0, count).Select(index => Place(typologies[index % typologies.Length], index, seed))];
    }

    /// <summary>The label edition of the sample place at this index: the first 75 in the first edition, the 36 next in the second.</summary>
    public static (int Edition, DateOnly Until) Label(int index) =>
        index < 75 ? (1, new DateOnly(2027, 6, 30)) : (2, new DateOnly(2029, 6, 30));

    private static PlaceDetails Place(PlaceTypology typology, int index, int seed)
    {
        var random = new Random(HashCode.Combine(seed, index));
        // A stride prime to the number of communes visits every one of them before repeating.
        var (commune, postcode, department, latitude, longitude) = Communes[(index * 11 + seed) % Communes.Length];
        var names = Names[typology];
        var name = string.Format(CultureInfo.InvariantCulture, names[random.Next(names.Length)], commune);
        if (index >= Communes.Length)
        {
            name += string.Create(CultureInfo.InvariantCulture, $" {index / Communes.Length + 1}");
        }

        var services = ServiceSets[typology][random.Next(ServiceSets[typology].Length)];
        return new PlaceDetails(
            name,
            typology,
            string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 80)} rue de l'Exemple"),
            commune,
            postcode,
            department,
            Math.Round(latitude + (random.NextDouble() - 0.5) * 0.04, 5),
            Math.Round(longitude + (random.NextDouble() - 0.5) * 0.04, 5),
            null,
            null,
            Description: $"{Marker} {Pitches[random.Next(Pitches.Length)]}",
            Services: services,
            OpeningHours: Hours[random.Next(Hours.Length)],
            WheelchairAccessible: random.Next(4) != 0,
            OperatorName: $"{Marker} Association gestionnaire",
            Status: PlaceStatus.Active);
    }
}

namespace TiersLieux.Web.Platform;

/// <summary>The directory's codes in the words a visitor reads (the API speaks kebab-case English).</summary>
public static class Vocabulary
{
    /// <summary>The three typologies of the regional label, and places that are several at once.</summary>
    public static IReadOnlyList<(string Code, string Name, string Plural)> Typologies { get; } =
    [
        ("coworking", "Espace de coworking", "espaces de coworking"),
        ("fablab", "Fablab", "fablabs"),
        ("digital-mediation", "Espace de médiation numérique", "espaces de médiation numérique"),
        ("hybrid", "Tiers-lieu hybride", "tiers-lieux hybrides"),
    ];

    /// <summary>Occitanie's thirteen départements.</summary>
    public static IReadOnlyList<(string Code, string Name)> Departments { get; } =
    [
        ("09", "Ariège"), ("11", "Aude"), ("12", "Aveyron"), ("30", "Gard"), ("31", "Haute-Garonne"), ("32", "Gers"), ("34", "Hérault"),
        ("46", "Lot"), ("48", "Lozère"), ("65", "Hautes-Pyrénées"), ("66", "Pyrénées-Orientales"), ("81", "Tarn"), ("82", "Tarn-et-Garonne"),
    ];

    private static readonly Dictionary<string, string> ServiceNames = new(StringComparer.Ordinal)
    {
        ["open-space"] = "Espace de travail partagé",
        ["private-offices"] = "Bureaux privatifs",
        ["meeting-rooms"] = "Salles de réunion",
        ["event-space"] = "Espace événementiel",
        ["fablab-machines"] = "Machines de fabrication numérique",
        ["training"] = "Formations",
        ["catering"] = "Restauration",
        ["business-incubation"] = "Accompagnement d'entreprises",
        ["public-digital-access"] = "Accès public au numérique",
        ["digital-support"] = "Accompagnement au numérique",
        ["business-address"] = "Domiciliation",
    };

    public static string Typology(string code) => Typologies.FirstOrDefault(t => t.Code == code).Name ?? code;

    public static string Department(string code) => Departments.FirstOrDefault(d => d.Code == code).Name is { } name ? $"{name} ({code})" : code;

    /// <summary>What places offer, by code, in the order the filter lists them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Services => ServiceNames;

    public static string Service(string code) => ServiceNames.GetValueOrDefault(code, code);

    public static bool IsService(string? code) => code is not null && ServiceNames.ContainsKey(code);

    public static bool IsTypology(string? code) => code is not null && Typologies.Any(t => t.Code == code);

    public static bool IsDepartment(string? code) => code is not null && Departments.Any(d => d.Code == code);
}

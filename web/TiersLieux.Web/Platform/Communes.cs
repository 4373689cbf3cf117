using System.Text;
using System.Text.Json;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The communes of Occitanie (IGN Admin Express, shipped with the site in <c>Geo/</c>): "near a commune" needs no
/// geocoding service. A name is matched without accents, case, hyphens or apostrophes; "Nom (dd)" picks one of homonyms.
/// </summary>
public sealed class Communes
{
    private readonly ILookup<string, Commune> _byName;

    public Communes(IEnumerable<Commune> communes) => _byName = communes.ToLookup(c => Normalise(c.Name));

    public static Communes Load()
    {
        using var stream = typeof(Communes).Assembly.GetManifestResourceStream("TiersLieux.Web.Geo.occitanie-communes.json")
            ?? throw new InvalidOperationException("The communes of Occitanie are missing from the assembly.");
        var rows = JsonSerializer.Deserialize<JsonElement[][]>(stream) ?? [];
        return new Communes(rows.Select(row => new Commune(row[0].GetString()!, row[1].GetString()!, row[2].GetDouble(), row[3].GetDouble())));
    }

    /// <summary>Every commune the words name (several for homonyms, none for a place outside Occitanie).</summary>
    public IReadOnlyList<Commune> Find(string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked))
        {
            return [];
        }

        var text = asked.Trim();
        string? department = null;
        if (text.Length > 4 && text[^1] == ')' && text[^4] == '(' && char.IsAsciiDigit(text[^3]) && char.IsAsciiDigit(text[^2]))
        {
            department = text[^3..^1];
            text = text[..^4];
        }

        return [.. _byName[Normalise(text)].Where(c => department is null || c.Department == department).OrderBy(c => c.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// "Saint-Jean-de-Védas" and "saint jean de vedas" alike; "L'Isle-Jourdain" and "Isle-Jourdain" too (the source
    /// drops the article of every commune's name, people write it).
    /// </summary>
    public static string Normalise(string name)
    {
        // Folded by hand: the site runs with invariant globalization, where Unicode decomposition is not available.
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'à' or 'â' or 'ä' or 'á' => "a",
                'ç' => "c",
                'é' or 'è' or 'ê' or 'ë' => "e",
                'î' or 'ï' or 'í' => "i",
                'ô' or 'ö' or 'ó' => "o",
                'ù' or 'û' or 'ü' or 'ú' => "u",
                'ÿ' => "y",
                'œ' => "oe",
                'æ' => "ae",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => " ",
            });
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words is [("l" or "le" or "la" or "les"), _, ..] ? words[1..] : words);
    }
}

using System.Text.RegularExpressions;

namespace TiersLieux.Web.Platform;

/// <summary>
/// OpenStreetMap's <c>opening_hours</c> as the directory stores them ("Mo-Fr 08:30-18:30; Sa 09:00-12:00"), read
/// aloud in French. The common forms (days, ranges of days, hours, "off") are translated; anything else is shown as
/// the place wrote it.
/// </summary>
public static partial class OpeningHours
{
    private static readonly Dictionary<string, string> Days = new(StringComparer.Ordinal)
    {
        ["Mo"] = "lundi", ["Tu"] = "mardi", ["We"] = "mercredi", ["Th"] = "jeudi", ["Fr"] = "vendredi", ["Sa"] = "samedi", ["Su"] = "dimanche",
        ["PH"] = "les jours fériés",
    };

    public static string InFrench(string? hours)
    {
        if (string.IsNullOrWhiteSpace(hours))
        {
            return "Non précisés";
        }

        var rules = hours.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var read = rules.Select(Rule).ToList();
        return read.Any(rule => rule is null) ? hours.Trim() : string.Join(" ; ", read);
    }

    /// <summary>
    /// The same hours in schema.org's <c>openingHours</c> form, one value per span ("Mo-Fr 08:30-12:00"): only the
    /// rules of days and hours, since schema.org knows neither public holidays nor "off" (a page's text says those).
    /// </summary>
    public static IReadOnlyList<string> ForSchemaOrg(string? hours)
    {
        if (string.IsNullOrWhiteSpace(hours))
        {
            return [];
        }

        var spans = new List<string>();
        foreach (var rule in hours.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = RuleShape().Match(rule);
            var days = match.Groups["days"].Value;
            var times = match.Groups["times"].Value;
            if (match.Success && times != "off" && !days.Contains("PH", StringComparison.Ordinal))
            {
                spans.AddRange(times.Split(',').Select(time => $"{days} {time}"));
            }
        }

        return spans;
    }

    private static string? Rule(string rule)
    {
        if (rule == "24/7")
        {
            return "tous les jours, 24 h sur 24";
        }

        var match = RuleShape().Match(rule);
        if (!match.Success)
        {
            return null;
        }

        var days = string.Join(", ", match.Groups["days"].Value.Split(',').Select(DayRange));
        var times = match.Groups["times"].Value;
        if (times == "off")
        {
            return $"{days} : fermé";
        }

        var spans = times.Split(',').Select(span => span.Split('-')).Select(ends => $"de {ends[0]} à {ends[1]}");
        return $"{days} : {string.Join(" et ", spans)}";
    }

    private static string DayRange(string range)
    {
        var ends = range.Split('-');
        return ends.Length == 1 ? Days[ends[0]] : $"du {Days[ends[0]]} au {Days[ends[1]]}";
    }

    [GeneratedRegex(@"^(?<days>(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*) (?<times>off|\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$")]
    private static partial Regex RuleShape();
}

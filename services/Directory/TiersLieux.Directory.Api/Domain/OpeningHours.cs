using System.Globalization;
using System.Text.RegularExpressions;

namespace TiersLieux.Directory.Api.Domain;

/// <summary>
/// A place's opening hours in OpenStreetMap's <c>opening_hours</c> syntax, the subset tiers-lieux use:
/// <c>24/7</c>; rules separated by <c>;</c>, each an optional weekday selector (<c>Mo-Fr</c>, <c>Mo,We</c>,
/// <c>Tu-Th,Sa</c>) then time spans (<c>09:00-12:30,14:00-18:00</c>, a span past midnight runs into the next day) or
/// <c>off</c>/<c>closed</c>; a later rule replaces what earlier rules said of the days it names, as in OSM.
/// <c>PH</c> (public holiday) rules are accepted and not applied to the weekly schedule. Month, week and date
/// selectors are refused with a message, never misread.
/// </summary>
public sealed partial class OpeningHours
{
    public const int MinutesPerWeek = 7 * 24 * 60;
    private const int MinutesPerDay = 24 * 60;

    private static readonly string[] DayNames = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    private OpeningHours(string text, IReadOnlyList<(int Start, int End)> weekly)
    {
        Text = text;
        Weekly = weekly;
    }

    /// <summary>As written, trimmed: what the API answers and the open data exports.</summary>
    public string Text { get; }

    /// <summary>Open intervals in minutes of the week (Monday 00:00 = 0, end exclusive), sorted and merged.</summary>
    public IReadOnlyList<(int Start, int End)> Weekly { get; }

    public static (OpeningHours? Hours, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "The opening hours are empty.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > 500)
        {
            return (null, "The opening hours have 500 characters at most.");
        }

        if (trimmed == "24/7")
        {
            return (new OpeningHours(trimmed, [(0, MinutesPerWeek)]), null);
        }

        // Per day: the spans that day's rule gave, in minutes from that day's midnight (ends may pass 24:00).
        var days = new List<(int Start, int End)>?[7];
        var rules = trimmed.Split(';');
        for (var index = 0; index < rules.Length; index++)
        {
            var ruleNumber = index + 1;
            var part = rules[index].Trim();
            if (part.Length == 0)
            {
                // A trailing semicolon is harmless; an empty rule between two others is a typo worth telling.
                if (index == rules.Length - 1 && index > 0)
                {
                    continue;
                }

                return (null, $"Rule {ruleNumber} is empty.");
            }

            var match = RulePattern().Match(part);
            if (!match.Success)
            {
                return (null, $"Rule {ruleNumber} ('{part}') is not understood: write it like 'Mo-Fr 09:00-18:00' or 'Sa off'.{Unsupported(part)}");
            }

            var selector = match.Groups["days"].Value;
            if (selector == "PH")
            {
                continue;
            }

            var selected = new bool[7];
            if (selector.Length == 0)
            {
                Array.Fill(selected, true);
            }
            else
            {
                foreach (var range in selector.Split(','))
                {
                    var ends = range.Split('-');
                    var from = Array.IndexOf(DayNames, ends[0]);
                    var to = ends.Length == 2 ? Array.IndexOf(DayNames, ends[1]) : from;
                    for (var day = from; ; day = (day + 1) % 7)
                    {
                        selected[day] = true;
                        if (day == to)
                        {
                            break;
                        }
                    }
                }
            }

            var spans = new List<(int Start, int End)>();
            if (match.Groups["times"].Success)
            {
                foreach (var span in match.Groups["times"].Value.Split(','))
                {
                    var (start, end) = (Minutes(span[..5]), Minutes(span[6..]));
                    if (start is null || end is null || start >= MinutesPerDay)
                    {
                        return (null, $"Rule {ruleNumber}: '{span}' is not a time span (hours 00 to 24, minutes 00 to 59).");
                    }

                    if (start == end)
                    {
                        return (null, $"Rule {ruleNumber}: '{span}' opens and closes at the same time.");
                    }

                    // 18:00-02:00 runs past midnight into the next day.
                    spans.Add((start.Value, end <= start ? end.Value + MinutesPerDay : end.Value));
                }
            }

            for (var day = 0; day < 7; day++)
            {
                if (selected[day])
                {
                    days[day] = spans;
                }
            }
        }

        var weekly = new List<(int Start, int End)>();
        for (var day = 0; day < 7; day++)
        {
            foreach (var (start, end) in days[day] ?? [])
            {
                var (from, to) = (day * MinutesPerDay + start, day * MinutesPerDay + end);
                if (to > MinutesPerWeek)
                {
                    // Sunday night into Monday morning: the week wraps around.
                    weekly.Add((from, MinutesPerWeek));
                    weekly.Add((0, to - MinutesPerWeek));
                }
                else
                {
                    weekly.Add((from, to));
                }
            }
        }

        return (new OpeningHours(trimmed, Merge(weekly)), null);
    }

    /// <summary>Open at this local time (the place's own wall clock: Europe/Paris for the whole network).</summary>
    public bool IsOpenAt(DateTime localTime) => Weekly.Any(span => span.Start <= MinuteOfWeek(localTime) && MinuteOfWeek(localTime) < span.End);

    /// <summary>Monday 00:00 = 0 … Sunday 23:59 = 10079.</summary>
    public static int MinuteOfWeek(DateTime localTime) =>
        ((int)localTime.DayOfWeek + 6) % 7 * MinutesPerDay + localTime.Hour * 60 + localTime.Minute;

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in spans.OrderBy(span => span.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    private static int? Minutes(string time)
    {
        var hours = int.Parse(time[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(time[3..], CultureInfo.InvariantCulture);
        return hours > 24 || minutes > 59 || (hours == 24 && minutes > 0) ? null : hours * 60 + minutes;
    }

    private static string Unsupported(string rule) =>
        UnsupportedSelector().IsMatch(rule) ? " Month, week and date selectors are not supported: give the weekly hours." : "";

    [GeneratedRegex(@"^(?<days>(?:(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*|PH)?\s*(?:(?<times>[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}(?:,[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2})*)|off|closed)$")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|SH|easter)\b|[0-9]{4}")]
    private static partial Regex UnsupportedSelector();
}

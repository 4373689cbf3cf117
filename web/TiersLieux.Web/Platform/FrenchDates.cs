using System.Globalization;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Web.Platform;

/// <summary>Dates in Paris time and in French, written here: the site runs with invariant globalization.</summary>
public static class FrenchDates
{
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string Day(DateOnly date) =>
        $"{Days[(int)date.DayOfWeek]} {(date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture))} {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Paris day of a moment.</summary>
    public static DateOnly ParisDay(DateTimeOffset moment) => NetworkClock.LocalDate(moment);

    /// <summary>"14:30", Paris time.</summary>
    public static string Time(DateTimeOffset moment) => NetworkClock.Local(moment).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of a datetime-local field for a moment ("2026-12-08T09:00", Paris time).</summary>
    public static string LocalInput(DateTimeOffset moment) => NetworkClock.Local(moment).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The moment a datetime-local field means (Paris time); null when it is not one.</summary>
    public static DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return NetworkClock.Instant(local);
    }

    /// <summary>"mardi 8 décembre 2026, 9:00 – 18:00" for a period within a day; both days when it spans more.</summary>
    public static string Period(DateTimeOffset from, DateTimeOffset to) =>
        ParisDay(from) == ParisDay(to) || (ParisDay(to) == ParisDay(from).AddDays(1) && Time(to) == "00:00")
            ? $"{Day(ParisDay(from))}, {Time(from)} – {(Time(to) == "00:00" ? "24:00" : Time(to))}"
            : $"du {DayAndTime(from)} au {DayAndTime(to)}";

    public static string DayAndTime(DateTimeOffset moment)
    {
        var local = NetworkClock.Local(moment);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} à {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }
}

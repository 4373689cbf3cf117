using System.Globalization;

namespace TiersLieux.Web.Platform;

/// <summary>Dates in Paris time and in French, written here: the site runs with invariant globalization.</summary>
public static class FrenchDates
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string Day(DateOnly date) =>
        $"{Days[(int)date.DayOfWeek]} {(date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture))} {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    public static string DayAndTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Paris);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} à {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }
}

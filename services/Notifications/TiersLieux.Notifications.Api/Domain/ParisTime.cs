using System.Globalization;
using TiersLieux.ServiceDefaults;

namespace TiersLieux.Notifications.Api.Domain;

/// <summary>
/// Dates as the member reads them: in Paris time, in French ("mardi 12 janvier 2027 à 10:00"). The names are
/// written here: the services run with invariant globalization, without ICU's French data.
/// </summary>
public static class ParisTime
{
    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static DateTimeOffset Of(DateTimeOffset moment) => NetworkClock.Local(moment);

    public static string Day(DateTimeOffset moment) => Date(DateOnly.FromDateTime(Of(moment).DateTime));

    /// <summary>A calendar day, already the network's: "mardi 12 janvier 2027".</summary>
    public static string Date(DateOnly date)
    {
        var day = date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture);
        return $"{Days[(int)date.DayOfWeek]} {day} {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string Time(DateTimeOffset moment) => Of(moment).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayAndTime(DateTimeOffset moment) => $"{Day(moment)} à {Time(moment)}";

    /// <summary>"mardi 12 janvier 2027 de 10:00 à 12:00", or across days "du … au …".</summary>
    public static string Period(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        Of(startsAt).Date == Of(endsAt).Date
            ? $"{Day(startsAt)} de {Time(startsAt)} à {Time(endsAt)}"
            : $"du {DayAndTime(startsAt)} au {DayAndTime(endsAt)}";
}

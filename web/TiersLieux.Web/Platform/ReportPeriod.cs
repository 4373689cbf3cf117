using System.Globalization;

namespace TiersLieux.Web.Platform;

/// <summary>
/// The period of an indicators page, from its address (<c>du</c>, <c>au</c>, both days included): this year so far by
/// default; valid when it ends after it starts and spans five years at most.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public bool Valid => To >= From && To.DayNumber - From.DayNumber <= 5 * 366;

    /// <summary>The day after the last: the directory's periods end before their last day.</summary>
    public DateOnly EndExclusive => To.AddDays(1);

    public static ReportPeriod Parse(string? du, string? au, DateOnly today) => new(
        DateOnly.TryParseExact(du, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ? from : new DateOnly(today.Year, 1, 1),
        DateOnly.TryParseExact(au, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) ? to : today);

    /// <summary>"2026-12-03", the value of a date field.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"12,5" hours.</summary>
    public static string Hours(decimal hours) => hours.ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',');
}

namespace TiersLieux.ServiceDefaults;

/// <summary>
/// The network's wall clock: every place of Occitanie opens, closes, holds its sessions and sends its reminders on
/// Paris time. One definition for every service and the site; the database keeps instants (UTC).
/// </summary>
public static class NetworkClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The same moment, as the network's clocks show it.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTime LocalTime(DateTimeOffset instant) => Local(instant).DateTime;

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant));

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return LocalDate(clock.GetUtcNow());
    }

    /// <summary>The instant (UTC) a time on the network's clocks means; across a change of offset, the offset before it.</summary>
    public static DateTimeOffset Instant(DateTime localTime) =>
        new DateTimeOffset(DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified), Zone.GetUtcOffset(localTime)).ToUniversalTime();

    /// <summary>Midnight at the start of a day on the network's clocks, as an instant (UTC).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => Instant(day.ToDateTime(TimeOnly.MinValue));
}

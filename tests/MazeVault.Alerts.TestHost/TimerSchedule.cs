using NCrontab;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// A timer trigger's NCRONTAB schedule, read as the Functions host reads it: six fields with seconds (five without),
/// evaluated on the wall clock of the host's time zone.
/// </summary>
internal sealed class TimerSchedule(CrontabSchedule cron, TimeZoneInfo zone)
{
    /// <summary>Parses <paramref name="expression"/>, or fails naming <paramref name="usedBy"/> as the host refuses to start such a timer.</summary>
    public static TimerSchedule Parse(string expression, TimeZoneInfo zone, string usedBy)
    {
        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5 };
        return CrontabSchedule.TryParse(expression, options) is { } cron
            ? new TimerSchedule(cron, zone)
            : throw new FunctionsHostException(usedBy, $"'{expression}' is not an NCRONTAB expression (the development host runs CRON schedules only).");
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var next = cron.GetNextOccurrence(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        // A wall time that a daylight-saving change skips gets the standard offset, so it fires just after the change.
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }
}

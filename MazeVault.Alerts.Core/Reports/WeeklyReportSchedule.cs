using System.Globalization;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// Decides in code whether a timer fire is due for the week's report in the report time zone, so the report is right
/// on plans where WEBSITE_TIME_ZONE is not honoured (Flex Consumption): there the timer fires at 05:00 and 06:00 UTC
/// every day, and on Monday exactly one of them is 07:00 in Central European time. The later fires of the week catch a
/// missed Monday up; the per-week run record keeps it to one send.
/// </summary>
public sealed class WeeklyReportSchedule(IOptions<WeeklyReportOptions> options)
{
    public const DayOfWeek ReportDay = DayOfWeek.Monday;
    public const int ReportHour = 7;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// The host fires timers a few milliseconds early: a fire is judged as the occurrence it belongs to, this much later,
    /// so 06:59:59.99 counts as 07:00 and the week's only due fire is not lost.
    /// </summary>
    public static readonly TimeSpan EarlyFireTolerance = TimeSpan.FromMinutes(1);

    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// True from Monday 07:00 local time until the end of that ISO week: the Monday fire sends, and a later fire of the
    /// same week catches up a Monday when the app was down. The per-week run record keeps it to one send.
    /// </summary>
    public bool IsDue(DateTimeOffset fire)
    {
        var local = TimeZoneInfo.ConvertTime(fire + EarlyFireTolerance, _zone).DateTime;
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return local >= monday.AddHours(ReportHour);
    }

    /// <summary>The ISO week of <paramref name="now"/> in the report time zone, e.g. <c>2026-W48</c>.</summary>
    public string WeekOf(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now + EarlyFireTolerance, _zone).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}");
    }
}

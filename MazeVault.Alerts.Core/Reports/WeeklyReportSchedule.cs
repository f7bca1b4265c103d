using System.Globalization;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// Decides in code whether a timer fire is due for the week's report in the report time zone, so the report is right
/// on plans where WEBSITE_TIME_ZONE is not honoured (Flex Consumption): there the timer fires at 05:00 and 06:00 UTC
/// every day, and on Monday exactly one of them is 07:00 in Central European time. The later fires of the week may catch
/// a missed Monday run up; the per-week run record decides whether the Monday run happened (see WeeklyReportService).
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
    /// True from Monday 07:00 local time until the end of that ISO week: the Monday fire runs the week's report, and a
    /// later fire of the same week runs it only for an organization the Monday run did not reach (the app was down).
    /// </summary>
    public bool IsDue(DateTimeOffset fire)
    {
        var local = TimeZoneInfo.ConvertTime(fire + EarlyFireTolerance, _zone).DateTime;
        var monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        return local >= monday.AddHours(ReportHour);
    }

    /// <summary>The week's report time, Monday 07:00 in the report time zone, as an instant.</summary>
    public DateTimeOffset ReportTimeOf(string week)
    {
        var local = MondayOf(week).ToDateTime(new TimeOnly(ReportHour, 0));
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    /// <summary>The Monday of an ISO week written as <see cref="WeekOf"/> writes it.</summary>
    public static DateOnly MondayOf(string week) =>
        DateOnly.FromDateTime(ISOWeek.ToDateTime(
            int.Parse(week[..4], CultureInfo.InvariantCulture), int.Parse(week[6..], CultureInfo.InvariantCulture), ReportDay));

    /// <summary>The ISO week of <paramref name="now"/> in the report time zone, e.g. <c>2026-W48</c>.</summary>
    public string WeekOf(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now + EarlyFireTolerance, _zone).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}");
    }
}

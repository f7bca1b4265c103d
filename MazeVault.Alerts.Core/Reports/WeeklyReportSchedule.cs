using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Reports;

public sealed class WeeklyReportOptions
{
    /// <summary>IANA (or Windows) id of the report's time zone; Central European by default.</summary>
    [Required]
    [ConfigurationKeyName("REPORT_TIME_ZONE")]
    public string TimeZone { get; set; } = "Europe/Prague";
}

/// <summary>Refuses to start with a time zone this machine does not know, instead of failing every Monday.</summary>
public sealed class WeeklyReportOptionsValidator : IValidateOptions<WeeklyReportOptions>
{
    public ValidateOptionsResult Validate(string? name, WeeklyReportOptions options)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return ValidateOptionsResult.Fail($"REPORT_TIME_ZONE '{options.TimeZone}' is not a known time zone.");
        }
    }
}

/// <summary>
/// Decides in code whether "now" is the Monday 07:00 report run in the report time zone, so the report is
/// right on plans where WEBSITE_TIME_ZONE is not honoured (Flex Consumption): there the timer fires at
/// 05:00 and 06:00 UTC on Mondays, and exactly one of them is 07:00 in Central European time.
/// </summary>
public sealed class WeeklyReportSchedule(IOptions<WeeklyReportOptions> options)
{
    public const DayOfWeek ReportDay = DayOfWeek.Monday;
    public const int ReportHour = 7;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// True from 07:00 local time on Monday until the end of that Monday: a late or repeated fire the same day
    /// still counts, and the per-week run record keeps it to one send.
    /// </summary>
    public bool IsDue(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        return local.DayOfWeek == ReportDay && local.Hour >= ReportHour;
    }

    /// <summary>The ISO week of <paramref name="now"/> in the report time zone, e.g. <c>2026-W48</c>.</summary>
    public string WeekOf(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):00}");
    }
}

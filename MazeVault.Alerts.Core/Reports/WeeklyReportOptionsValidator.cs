using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Reports;

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

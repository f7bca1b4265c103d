using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Reports;

public sealed class WeeklyReportOptions
{
    /// <summary>IANA (or Windows) id of the report's time zone; Central European by default.</summary>
    [Required]
    [ConfigurationKeyName("REPORT_TIME_ZONE")]
    public string TimeZone { get; set; } = "Europe/Prague";
}

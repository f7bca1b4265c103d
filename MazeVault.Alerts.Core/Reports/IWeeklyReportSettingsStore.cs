namespace MazeVault.Alerts.Core.Reports;

public interface IWeeklyReportSettingsStore
{
    /// <summary>The organization's settings, or empty settings when none were saved.</summary>
    Task<WeeklyReportSettings> GetAsync(string organizationId, CancellationToken ct);
    Task<WeeklyReportSettings> ReplaceAsync(WeeklyReportSettings settings, CancellationToken ct);
}

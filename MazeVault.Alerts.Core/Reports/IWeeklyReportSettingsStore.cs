namespace MazeVault.Alerts.Core.Reports;

/// <summary>Weekly expiry report recipients of one organization (the UI's System Outputs → Weekly Expiry Report → Recipients).</summary>
public sealed record WeeklyReportSettings
{
    public required string OrganizationId { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }
}

public interface IWeeklyReportSettingsStore
{
    /// <summary>The organization's settings, or empty settings when none were saved.</summary>
    Task<WeeklyReportSettings> GetAsync(string organizationId, CancellationToken ct);
    Task<WeeklyReportSettings> ReplaceAsync(WeeklyReportSettings settings, CancellationToken ct);
}

namespace MazeVault.Alerts.Core.Reports;

/// <summary>Weekly expiry report recipients of one organization (the UI's System Outputs → Weekly Expiry Report → Recipients).</summary>
public sealed record WeeklyReportSettings
{
    public required string OrganizationId { get; init; }
    public IReadOnlyList<string> Recipients { get; init; } = [];
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }
}

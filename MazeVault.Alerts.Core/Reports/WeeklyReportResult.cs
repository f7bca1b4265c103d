namespace MazeVault.Alerts.Core.Reports;

/// <summary>The outcome of one organization's report run.</summary>
public sealed record WeeklyReportResult(string OrganizationId, string Week, WeeklyReportStatus Status, int DeliveriesQueued, string? AlertId);

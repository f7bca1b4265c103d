namespace MazeVault.Alerts.Core.Reports;

/// <summary>What happened to an organization's report in one ISO week.</summary>
public enum WeeklyReportStatus
{
    /// <summary>Deliveries were queued.</summary>
    Sent,
    /// <summary>Already sent this week: nothing was sent again.</summary>
    AlreadySent,
    /// <summary>No recipient and no weekly-report integration: nothing to send to.</summary>
    NoRecipients,
}

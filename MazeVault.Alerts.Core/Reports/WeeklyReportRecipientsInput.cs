namespace MazeVault.Alerts.Core.Reports;

/// <summary>The body that replaces an organization's weekly report recipients; an empty list clears them.</summary>
public sealed record WeeklyReportRecipientsInput
{
    public IReadOnlyList<string?>? Recipients { get; init; }
}

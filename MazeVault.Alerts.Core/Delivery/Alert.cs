using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// One alert, stored once (table <c>Alerts</c>) so that queue messages carry only its id.
/// <see cref="Id"/> is deterministic (see <see cref="AlertIds"/>), which makes re-running a rule idempotent.
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required AlertSource Source { get; init; }
    /// <summary>The rule that raised it, e.g. <c>certificate-expiry</c>.</summary>
    public required string Rule { get; init; }
    public string? IncidentId { get; init; }
    public required Notification Notification { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The spec's log prefix: daily and rotation checks are the scheduler's, incidents the incident service's, reports the report service's.</summary>
    public string LogPrefix => Source switch
    {
        AlertSource.Incident => "[IncidentService]",
        AlertSource.WeeklyReport => "[WeeklyReportService]",
        _ => "[NotificationScheduler]",
    };
}

namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// What the daily check remembers about one resource (table <c>AlertStates</c>, one row per resource that alerted or is
/// snoozed): the reminder reached, whether an alert is open (for its "resolved" notice), and a snooze.
/// </summary>
public sealed record AlertState
{
    public required string OrganizationId { get; init; }
    public required ResourceKind Kind { get; init; }
    public required string ResourceId { get; init; }

    /// <summary>The alert last sent for this resource, while it is not yet resolved.</summary>
    public string? OpenAlertId { get; init; }
    public DateTimeOffset? LastAlertedAt { get; init; }

    /// <summary>With thresholds: the smallest threshold (days) already alerted for <see cref="NotAfter"/>; a new expiry starts over.</summary>
    public int? ThresholdReached { get; init; }
    public DateTimeOffset? NotAfter { get; init; }

    public Snooze? Snooze { get; init; }
    public string? ETag { get; init; }

    public bool IsOpen => OpenAlertId is not null;
}

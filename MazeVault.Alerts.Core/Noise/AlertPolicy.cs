namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// An organization's noise control. The defaults are the spec's behaviour: a reminder every day, no "resolved" notices,
/// contacts and ADMIN_EMAIL get one message per item.
/// </summary>
public sealed record AlertPolicy
{
    public static readonly IReadOnlyList<int> DefaultThresholdDays = [30, 14, 7, 3, 1];

    public required string OrganizationId { get; init; }
    public ReminderMode Reminders { get; init; } = ReminderMode.Daily;

    /// <summary>Days before expiry at which a certificate alerts once each (with <see cref="ReminderMode.Thresholds"/>), descending.</summary>
    public IReadOnlyList<int> ThresholdDays { get; init; } = DefaultThresholdDays;

    /// <summary>With <see cref="ReminderMode.Thresholds"/>: in the last this many days a certificate alerts every day (0: never daily).</summary>
    public int FinalStretchDays { get; init; }

    /// <summary>When a resource that alerted is healthy again, its targets get one "resolved" notice (and JIRA closes its issue).</summary>
    public bool ResolveNotifications { get; init; }

    /// <summary>ADMIN_EMAIL and the incident contacts get the daily check as one digest per run instead of a message per item.</summary>
    public bool DigestContacts { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }

    /// <summary>Whether the daily check must remember per resource what it alerted (thresholds reached, open alerts to resolve).</summary>
    internal bool KeepsState => Reminders == ReminderMode.Thresholds || ResolveNotifications;
}

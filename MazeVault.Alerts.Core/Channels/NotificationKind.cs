namespace MazeVault.Alerts.Core.Channels;

/// <summary>An alert, or the notice that what an earlier alert was about is healthy again.</summary>
public enum NotificationKind
{
    Alert,
    /// <summary>The resource of the alert with the same <see cref="Notification.Fingerprint"/> is healthy again (JIRA moves its issue to done).</summary>
    Resolved,
}

namespace MazeVault.Alerts.Core.Channels;

public enum NotificationSeverity
{
    Info,
    Warning,
    High,
    Critical,
}

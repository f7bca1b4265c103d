namespace MazeVault.Alerts.Core.Delivery;

/// <summary>Where an alert came from; it decides the log prefix the spec gives for its delivery failures.</summary>
public enum AlertSource
{
    DailyCheck,
    Incident,
    RotationExecution,
    WeeklyReport,
    /// <summary>A notice that another alert's delivery failed; its own failures raise no further notice.</summary>
    FailureNotice,
}

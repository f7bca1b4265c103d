namespace MazeVault.Alerts.Core.Noise;

/// <summary>What the daily check does about one resource today.</summary>
public enum Verdict
{
    /// <summary>Nothing: not due, or due but not reminded today.</summary>
    Quiet,
    Alert,
    /// <summary>Due, but silenced by a snooze.</summary>
    Snoozed,
    /// <summary>It alerted before and is healthy now.</summary>
    Resolved,
}

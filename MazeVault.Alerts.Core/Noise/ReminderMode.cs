namespace MazeVault.Alerts.Core.Noise;

/// <summary>How often a resource that stays due is alerted again.</summary>
public enum ReminderMode
{
    /// <summary>Every daily check while the resource is due (the spec's behaviour, the default).</summary>
    Daily,
    /// <summary>Once per threshold crossed (days before expiry), then daily in the final stretch.</summary>
    Thresholds,
}

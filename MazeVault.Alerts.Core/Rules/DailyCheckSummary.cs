namespace MazeVault.Alerts.Core.Rules;

/// <summary>What one daily check did.</summary>
public sealed record DailyCheckSummary(int Organizations, long CertificatesScanned, long RotationConfigsScanned, int Alerts, int DeliveriesQueued)
{
    /// <summary>Due items a snooze silenced.</summary>
    public int Snoozed { get; init; }

    /// <summary>Items that alerted before and are healthy again.</summary>
    public int Resolved { get; init; }
}

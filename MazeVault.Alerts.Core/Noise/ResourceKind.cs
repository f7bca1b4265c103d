namespace MazeVault.Alerts.Core.Noise;

/// <summary>What a per-resource alert state or snooze is about.</summary>
public enum ResourceKind
{
    Certificate,
    RotationConfig,
}

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>The status of a secret rotation configuration's last execution.</summary>
public enum RotationStatus
{
    None,
    Success,
    Failed,
}

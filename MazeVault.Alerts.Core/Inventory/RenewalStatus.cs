namespace MazeVault.Alerts.Core.Inventory;

/// <summary>The outcome of the last automatic renewal attempt of a certificate.</summary>
public enum RenewalStatus
{
    None,
    Success,
    Failed,
}

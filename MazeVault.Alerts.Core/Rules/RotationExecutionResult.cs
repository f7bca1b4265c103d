using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>The config as now stored, and how many rotation-failure emails this report queued.</summary>
public sealed record RotationExecutionResult(RotationConfig Config, int DeliveriesQueued);

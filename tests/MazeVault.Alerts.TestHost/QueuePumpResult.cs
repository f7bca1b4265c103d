namespace MazeVault.Alerts.TestHost;

/// <summary>What one pump run did, per outcome.</summary>
public sealed record QueuePumpResult(int Succeeded, int Failed, int Poisoned)
{
    public int Processed => Succeeded + Failed + Poisoned;
}

namespace MazeVault.Alerts.TestHost;

/// <summary>What one pump run did, per outcome.</summary>
public sealed record QueuePumpResult(int Succeeded, int Failed, int Poisoned)
{
    public int Processed => Succeeded + Failed + Poisoned;

    internal QueuePumpResult Plus(QueuePumpResult other) => new(Succeeded + other.Succeeded, Failed + other.Failed, Poisoned + other.Poisoned);

    internal QueuePumpResult Minus(QueuePumpResult other) => new(Succeeded - other.Succeeded, Failed - other.Failed, Poisoned - other.Poisoned);
}

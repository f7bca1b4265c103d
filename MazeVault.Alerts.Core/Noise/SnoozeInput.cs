namespace MazeVault.Alerts.Core.Noise;

/// <summary>The body that snoozes a resource: until when (at most 30 days ahead), why, and who is responsible.</summary>
public sealed record SnoozeInput
{
    public DateTimeOffset? Until { get; init; }
    public string? Reason { get; init; }
    public string? Owner { get; init; }
}

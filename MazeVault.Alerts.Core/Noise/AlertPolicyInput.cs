namespace MazeVault.Alerts.Core.Noise;

/// <summary>The body that replaces an organization's alert policy; an omitted field takes its default.</summary>
public sealed record AlertPolicyInput
{
    /// <summary><c>daily</c> or <c>thresholds</c>.</summary>
    public string? Reminders { get; init; }
    public IReadOnlyList<int>? ThresholdDays { get; init; }
    public int? FinalStretchDays { get; init; }
    public bool? ResolveNotifications { get; init; }
    public bool? DigestContacts { get; init; }
}

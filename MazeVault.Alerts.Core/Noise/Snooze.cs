namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// A silence on one resource with an owner, a reason and an end. It also ends when the resource changes state: the
/// snapshot (<see cref="ResourceVersion"/>) is what the resource looked like when it was snoozed.
/// </summary>
public sealed record Snooze
{
    public required DateTimeOffset Until { get; init; }
    public required string Reason { get; init; }
    public required string Owner { get; init; }
    public required DateTimeOffset SnoozedAt { get; init; }

    /// <summary>The resource's alerting state when snoozed (a certificate's expiry and renewal state; a config's status).</summary>
    public required string ResourceVersion { get; init; }
}

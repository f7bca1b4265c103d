namespace MazeVault.Alerts.Core.Channels;

/// <summary>What happened to one send. Channels return it instead of throwing for vendor answers.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome() { }

    /// <summary>The vendor accepted it; <paramref name="Detail"/> is e.g. the created JIRA key.</summary>
    public sealed record Delivered(string? Detail = null) : DeliveryOutcome;

    /// <summary>Worth trying again, no sooner than <paramref name="RetryAfter"/> when the vendor said so.</summary>
    public sealed record Retryable(string Reason, TimeSpan? RetryAfter = null) : DeliveryOutcome;

    /// <summary>Trying again will not help (bad credentials, bad configuration, rejected payload).</summary>
    public sealed record Permanent(string Reason) : DeliveryOutcome;

    /// <summary>Why it did not deliver; null when it did.</summary>
    public static string? ReasonOf(DeliveryOutcome outcome) => outcome switch
    {
        Retryable r => r.Reason,
        Permanent p => p.Reason,
        _ => null,
    };
}

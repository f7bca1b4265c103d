namespace MazeVault.Alerts.Core.Channels;

/// <summary>What happened to one send. Channels return it instead of throwing for vendor answers.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome() { }

    /// <summary>
    /// The failure as the Test action shows it to an API caller: its kind (rejected with a status, unreachable, timed
    /// out, not allowed) and nothing the destination said. Null when the reason is only our own text (a missing setting).
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>The vendor accepted it; <paramref name="Detail"/> is e.g. the created JIRA key.</summary>
    public sealed record Delivered(string? Detail = null) : DeliveryOutcome;

    /// <summary>Worth trying again, no sooner than <paramref name="RetryAfter"/> when the vendor said so.</summary>
    public sealed record Retryable(string Reason, TimeSpan? RetryAfter = null) : DeliveryOutcome
    {
        /// <summary>The destination itself said "too many requests" (429): a paced destination pauses for every delivery.</summary>
        public bool Throttled { get; init; }
    }

    /// <summary>Trying again will not help (bad credentials, bad configuration, rejected payload).</summary>
    public sealed record Permanent(string Reason) : DeliveryOutcome;

    /// <summary>
    /// Nothing was sent on purpose: the deployment switched the channel off (email with no transport configured). Final,
    /// and not a failure: no failure notice, no retry.
    /// </summary>
    public sealed record Skipped(string Reason) : DeliveryOutcome;

    /// <summary>
    /// Not sent because a limit or policy of the organization holds it back (an address its recipient policy no longer
    /// allows, its daily email quota). Final, counted, and not a failure: no failure notice (which would be held back too).
    /// </summary>
    public sealed record Suppressed(string Reason) : DeliveryOutcome;

    /// <summary>What the Test action shows for it: the summary when a destination was involved, else the reason.</summary>
    public static string? ShownByTest(DeliveryOutcome outcome) => outcome.Summary ?? ReasonOf(outcome);

    /// <summary>Why it did not deliver; null when it did.</summary>
    public static string? ReasonOf(DeliveryOutcome outcome) => outcome switch
    {
        Retryable r => r.Reason,
        Permanent p => p.Reason,
        Skipped s => s.Reason,
        Suppressed s => s.Reason,
        _ => null,
    };
}

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>What handling one queue message did.</summary>
public enum ProcessResult
{
    Delivered,
    Failed,
    /// <summary>Final without a send: the channel is switched off on purpose (email with no transport).</summary>
    Skipped,
    /// <summary>Final without a send: held back by the organization's recipient policy or email quota.</summary>
    Suppressed,
    RetryQueued,
    /// <summary>The delivery was already finished or superseded: nothing was sent.</summary>
    Duplicate,
    /// <summary>Another handler holds the lease: a copy of the message comes back when the lease ends.</summary>
    Deferred,
    /// <summary>The retry message of an earlier crash was queued again.</summary>
    Healed,
    /// <summary>No ledger row: nothing to send.</summary>
    Unknown,
    /// <summary>Its paced destination had no slot free yet: a copy with the same attempt comes back at the slot; nothing was sent.</summary>
    Paced,
}

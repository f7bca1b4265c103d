namespace MazeVault.Alerts.Core.Delivery;

/// <summary>The states of one delivery in the ledger, as the delivery history shows them.</summary>
public enum DeliveryStatus
{
    Queued,
    /// <summary>Claimed by a handler until <see cref="DeliveryRecord.LeaseUntil"/>; the vendor call is in flight.</summary>
    Sending,
    Delivered,
    /// <summary>The last attempt was retryable; the next one is queued for <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    Retrying,
    Failed,
    /// <summary>Final without a send, on purpose (email notifications are disabled); <see cref="DeliveryRecord.Detail"/> says why.</summary>
    Skipped,
    /// <summary>Final without a send, held back by a limit or policy (recipient policy, daily email quota); <see cref="DeliveryRecord.Detail"/> says which.</summary>
    Suppressed,
}

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// One attempt of a delivery as its history shows it: when it started, how it ended (<c>delivered</c>, <c>retryable</c>,
/// <c>permanent</c>, <c>skipped</c> or <c>poisoned</c>), why, the vendor's last HTTP status (null without an HTTP answer: SMTP, a
/// timeout, a connection failure, nothing sent) and how long the send took.
/// </summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, string Outcome, string? Reason, int? VendorStatus, long DurationMs)
{
    /// <summary>The history keeps this many attempts per delivery, the latest (DELIVERY_MAX_ATTEMPTS may be up to 50).</summary>
    public const int Kept = 20;

    /// <summary>Reasons are cut here so that <see cref="Kept"/> attempts always fit one table property (64 KiB).</summary>
    public const int MaxReasonLength = 500;
}

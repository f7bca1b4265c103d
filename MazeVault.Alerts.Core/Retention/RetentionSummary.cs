namespace MazeVault.Alerts.Core.Retention;

/// <summary>What one retention run deleted, per kind.</summary>
public sealed record RetentionSummary(
    long Deliveries,
    long Alerts,
    long ContentBlobs,
    long AuditEvents,
    long IdempotencyKeys,
    long RotationExecutions,
    long QuotaCounters);

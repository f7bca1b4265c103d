using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Retention;

/// <summary>How long each kind of stored row is kept before the daily retention run deletes it (docs/configuration.md).</summary>
public sealed class RetentionOptions
{
    /// <summary>Days a finished delivery is kept after its last change, and an alert (row and content blob) after it was raised.</summary>
    [ConfigurationKeyName("RETENTION_DELIVERY_DAYS")]
    [Range(1, 3650, ErrorMessage = "RETENTION_DELIVERY_DAYS must be from 1 to 3650.")]
    public int DeliveryDays { get; set; } = 90;

    /// <summary>Days an audit event is kept after it occurred: longer than a year, so that a yearly review sees a whole year.</summary>
    [ConfigurationKeyName("RETENTION_AUDIT_DAYS")]
    [Range(1, 3650, ErrorMessage = "RETENTION_AUDIT_DAYS must be from 1 to 3650.")]
    public int AuditDays { get; set; } = 400;

    /// <summary>Days an Idempotency-Key claim is kept after it was made; at least one, the day a key answers its repeats.</summary>
    [ConfigurationKeyName("RETENTION_IDEMPOTENCY_KEY_DAYS")]
    [Range(1, 365, ErrorMessage = "RETENTION_IDEMPOTENCY_KEY_DAYS must be from 1 to 365.")]
    public int IdempotencyKeyDays { get; set; } = 7;

    /// <summary>Days a handled rotation execution (and a config's daily email count) is kept.</summary>
    [ConfigurationKeyName("RETENTION_ROTATION_EXECUTION_DAYS")]
    [Range(1, 3650, ErrorMessage = "RETENTION_ROTATION_EXECUTION_DAYS must be from 1 to 3650.")]
    public int RotationExecutionDays { get; set; } = 90;
}

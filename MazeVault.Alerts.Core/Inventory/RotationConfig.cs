using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>A secret rotation configuration, with its own notification addresses.</summary>
public sealed record RotationConfig
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string SecretName { get; init; }
    public bool Enabled { get; init; } = true;
    public RotationStatus Status { get; init; } = RotationStatus.None;
    public DateTimeOffset? NextRotationDue { get; init; }
    public string? LastError { get; init; }
    public IReadOnlyList<string> NotificationEmails { get; init; } = [];

    /// <summary>
    /// Set in the same write that turns the config failed, cleared once its rotation-failure email is decided: a crash
    /// between the two leaves it set, and the next write of the config or the daily check sends the email (an outbox on
    /// the row itself, so the status and the debt cannot part). Ours, not the vault's: never in the API.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? FailureNoticeOwedSince { get; init; }

    public string? ETag { get; init; }
}

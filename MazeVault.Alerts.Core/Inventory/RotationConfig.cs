namespace MazeVault.Alerts.Core.Inventory;

/// <summary>The status of a secret rotation configuration's last execution.</summary>
public enum RotationStatus
{
    None,
    Success,
    Failed,
}

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
    public string? ETag { get; init; }
}

namespace MazeVault.Alerts.Core.Inventory;

/// <summary>A certificate in the vault's inventory, as far as alerting needs it.</summary>
public sealed record Certificate
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    /// <summary>Subject or common name, e.g. <c>CN=example.com</c>.</summary>
    public required string Subject { get; init; }
    public required DateTimeOffset NotAfter { get; init; }
    public bool AutoRenewalEnabled { get; init; }
    public RenewalStatus LastRenewalStatus { get; init; } = RenewalStatus.None;
    public string? ETag { get; init; }
}

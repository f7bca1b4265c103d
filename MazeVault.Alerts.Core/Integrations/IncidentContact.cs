namespace MazeVault.Alerts.Core.Integrations;

/// <summary>A person who receives incident and alert emails for an organization. Lower priority first.</summary>
public sealed record IncidentContact
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string Role { get; init; } = "";
    public int Priority { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }
}

namespace MazeVault.Alerts.Core.Access;

/// <summary>The body of <c>POST /api/access/keys</c>, as sent; <see cref="ApiKeyStore.CreateAsync"/> validates it.</summary>
public sealed record ApiKeyInput
{
    public string? Name { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string?>? Organizations { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

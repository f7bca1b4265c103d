using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// An API key the app issued, as the API shows it: <see cref="Secret"/> (the key itself) only in the answer that created
/// it, never in a list, a read or storage.
/// </summary>
public sealed record ApiKey(
    string Id,
    string Name,
    OrganizationRole Role,
    IReadOnlyList<string> Organizations,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt)
{
    [JsonPropertyName("key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>The organizations entry of a platform-admin key: every organization, present and future.</summary>
    public const string AllOrganizations = "*";

    [JsonIgnore]
    public bool CoversAll => Organizations is [AllOrganizations];

    [JsonIgnore]
    public bool IsPlatformAdmin => CoversAll && Role == OrganizationRole.Admin;

    public bool Covers(string organizationId) => CoversAll || Organizations.Contains(organizationId, StringComparer.Ordinal);
}

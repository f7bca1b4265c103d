namespace MazeVault.Alerts.Core.Recipients;

/// <summary>
/// Where an organization's feed-supplied addresses (a rotation config's <c>notificationEmails</c>) may receive email:
/// the domains and single addresses an admin allowed. <see cref="Configured"/> false means no admin saved one yet; the
/// lists are then the defaults <see cref="RecipientPolicyService"/> derives (see docs/security.md).
/// </summary>
public sealed record RecipientPolicy
{
    public required string OrganizationId { get; init; }
    public bool Configured { get; init; }
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? ETag { get; init; }

    /// <summary>Whether <paramref name="address"/> is one of the allowed addresses or in one of the allowed domains (exact domain, any case).</summary>
    public bool Allows(string address)
    {
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        return AllowedAddresses.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            || (at > 0 && AllowedDomains.Contains(trimmed[(at + 1)..], StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The domain of an address, lower case; null when it has none.</summary>
    public static string? DomainOf(string? address)
    {
        var at = address?.Trim().LastIndexOf('@') ?? -1;
        return at > 0 && at < address!.Trim().Length - 1 ? address.Trim()[(at + 1)..].ToLowerInvariant() : null;
    }
}

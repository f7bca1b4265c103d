namespace MazeVault.Alerts.Core.Recipients;

/// <summary>The body that replaces an organization's recipient policy; empty lists allow no feed-supplied address at all.</summary>
public sealed record RecipientPolicyInput
{
    public IReadOnlyList<string?>? AllowedDomains { get; init; }
    public IReadOnlyList<string?>? AllowedAddresses { get; init; }
}

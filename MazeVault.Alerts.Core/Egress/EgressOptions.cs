using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Egress;

/// <summary>Which internal networks outbound vendor calls may reach (docs/configuration.md, "Outbound destinations").</summary>
public sealed class EgressOptions
{
    /// <summary>
    /// Comma-separated CIDRs (10.20.0.0/16, fd12:3456::/48) an operator opens for an on-premises JIRA or webhook
    /// receiver. Empty: no internal address is reachable.
    /// </summary>
    [ConfigurationKeyName("EGRESS_ALLOWED_NETWORKS")]
    public string? AllowedNetworks { get; set; }

    /// <summary>
    /// The managed-identity endpoint App Service and Functions set (a local http address). Set by the platform, not by an
    /// operator: only the managed-identity token client may reach it (<see cref="EgressGuard.CreateManagedIdentityHandler"/>).
    /// </summary>
    [ConfigurationKeyName("IDENTITY_ENDPOINT")]
    public string? IdentityEndpoint { get; set; }

    /// <summary>The older name of the same endpoint, which some platform versions still set instead.</summary>
    [ConfigurationKeyName("MSI_ENDPOINT")]
    public string? MsiEndpoint { get; set; }
}

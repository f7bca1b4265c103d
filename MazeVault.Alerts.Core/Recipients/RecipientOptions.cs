using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Recipients;

/// <summary>The deployment's part of the recipient policy (docs/configuration.md, docs/security.md).</summary>
public sealed class RecipientOptions
{
    /// <summary>
    /// Domains that every organization without a saved recipient policy may mail, beside the sender mailbox's, ADMIN_EMAIL's
    /// and its incident contacts' domains: the company's own domains, so that existing rotation emails keep going there.
    /// </summary>
    [ConfigurationKeyName("RECIPIENT_DEFAULT_DOMAINS")]
    [RegularExpression(@"^\s*([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\s*(,\s*[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\s*)*)?$",
        ErrorMessage = "RECIPIENT_DEFAULT_DOMAINS must be domain names separated by commas, e.g. example.com,example.org.")]
    public string? DefaultDomains { get; set; }

    public IEnumerable<string> DefaultDomainList =>
        (DefaultDomains ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant());
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Quotas;

/// <summary>Per-organization limits (docs/configuration.md): one organization's feed cannot use up what every organization shares.</summary>
public sealed class QuotaOptions
{
    /// <summary>Incidents one organization may report per UTC minute; past it the API answers 429 with Retry-After.</summary>
    [ConfigurationKeyName("QUOTA_INCIDENTS_PER_MINUTE")]
    [Range(1, 100_000, ErrorMessage = "QUOTA_INCIDENTS_PER_MINUTE must be from 1 to 100000.")]
    public int IncidentsPerMinute { get; set; } = 60;

    /// <summary>Items (certificates and rotation configs together) one inventory import may carry; more is refused with 422.</summary>
    [ConfigurationKeyName("QUOTA_IMPORT_MAX_ITEMS")]
    [Range(1, 10_000, ErrorMessage = "QUOTA_IMPORT_MAX_ITEMS must be from 1 to 10000.")]
    public int ImportMaxItems { get; set; } = 5000;

    /// <summary>
    /// Emails (messages) one organization may send per UTC day, whoever they go to; deliveries past it are recorded
    /// suppressed. Exchange Online allows a mailbox 10,000 recipients a day, shared by every organization: that limit is
    /// PACING_EMAIL_RECIPIENTS_PER_DAY, counted per mailbox, where emails past it wait for the next day instead.
    /// </summary>
    [ConfigurationKeyName("QUOTA_EMAILS_PER_DAY")]
    [Range(1, 1_000_000, ErrorMessage = "QUOTA_EMAILS_PER_DAY must be from 1 to 1000000.")]
    public int EmailsPerDay { get; set; } = 1000;

    /// <summary>
    /// Integrations one organization may have. Every alert fans out to each of them: without a bound, one organization's
    /// incidents could fill the delivery queue every organization shares. Creating one more is refused with 422.
    /// </summary>
    [ConfigurationKeyName("QUOTA_INTEGRATIONS_PER_ORGANIZATION")]
    [Range(1, 10_000, ErrorMessage = "QUOTA_INTEGRATIONS_PER_ORGANIZATION must be from 1 to 10000.")]
    public int IntegrationsPerOrganization { get; set; } = 100;

    /// <summary>Incident contacts one organization may have (each incident emails every one); one more is refused with 422.</summary>
    [ConfigurationKeyName("QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION")]
    [Range(1, 10_000, ErrorMessage = "QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION must be from 1 to 10000.")]
    public int IncidentContactsPerOrganization { get; set; } = 100;
}

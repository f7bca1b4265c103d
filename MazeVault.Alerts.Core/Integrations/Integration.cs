namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// A notification integration of one organization, as stored (PartitionKey = organization, RowKey = id).
/// Only the fields of its <see cref="Type"/> are set; secret fields are write-only through the API.
/// </summary>
public sealed record Integration
{
    /// <summary>The one category the spec defines for alert delivery.</summary>
    public const string NotificationCategory = "notification";

    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required IntegrationType Type { get; init; }
    public required string Name { get; init; }
    public string Category { get; init; } = NotificationCategory;
    public bool Active { get; init; } = true;
    public bool WeeklyReport { get; init; }

    // Jira: base URL, account email, API token (secret), project key.
    public string? JiraBaseUrl { get; init; }
    public string? JiraEmail { get; init; }
    public string? JiraApiToken { get; init; }
    public string? JiraProjectKey { get; init; }

    // Slack: webhook URL (secret) and the optional, best-effort channel override.
    public string? SlackWebhookUrl { get; init; }
    public string? SlackChannel { get; init; }

    // Teams: Workflows webhook URL (secret, opaque) and the message format.
    public string? TeamsWebhookUrl { get; init; }
    public TeamsMessageFormat TeamsFormat { get; init; } = TeamsMessageFormat.AdaptiveCard;

    // Generic webhook: URL (secret) and optional Standard Webhooks signing secret.
    public string? WebhookUrl { get; init; }
    public string? WebhookSigningSecret { get; init; }

    // Email: the integration's own recipients, sent through the active email transport.
    public IReadOnlyList<string> EmailRecipients { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The storage ETag this instance was read with; updates must present it.</summary>
    public string? ETag { get; init; }
}

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// The body of a create or update of an integration. Every member is optional here so that validation can name
/// each missing field. On update an omitted (or null) secret keeps the stored one; an empty string clears it.
/// </summary>
public sealed record IntegrationInput
{
    /// <summary>jira, teams, slack, webhook or email.</summary>
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Category { get; init; }
    public bool? Active { get; init; }
    public bool? WeeklyReport { get; init; }

    public string? JiraBaseUrl { get; init; }
    public string? JiraEmail { get; init; }
    public string? JiraApiToken { get; init; }
    public string? JiraProjectKey { get; init; }

    public string? SlackWebhookUrl { get; init; }
    public string? SlackChannel { get; init; }

    public string? TeamsWebhookUrl { get; init; }
    public TeamsMessageFormat? TeamsFormat { get; init; }

    public string? WebhookUrl { get; init; }
    public string? WebhookSigningSecret { get; init; }

    public IReadOnlyList<string?>? EmailRecipients { get; init; }
}

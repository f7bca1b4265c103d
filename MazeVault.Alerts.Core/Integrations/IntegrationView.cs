using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// An integration as the API shows it: its type's fields only, and each secret as a <see cref="SecretView"/>
/// (never the value).
/// </summary>
public sealed record IntegrationView
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required IntegrationType Type { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public bool Active { get; init; }
    public bool WeeklyReport { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? JiraBaseUrl { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? JiraEmail { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SecretView? JiraApiToken { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? JiraProjectKey { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SecretView? SlackWebhookUrl { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SlackChannel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SecretView? TeamsWebhookUrl { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TeamsMessageFormat? TeamsFormat { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SecretView? WebhookUrl { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SecretView? WebhookSigningSecret { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? EmailRecipients { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }

    public static IntegrationView From(Integration integration)
    {
        var view = new IntegrationView
        {
            Id = integration.Id,
            OrganizationId = integration.OrganizationId,
            Type = integration.Type,
            Name = integration.Name,
            Category = integration.Category,
            Active = integration.Active,
            WeeklyReport = integration.WeeklyReport,
            CreatedAt = integration.CreatedAt,
            UpdatedAt = integration.UpdatedAt,
            ETag = integration.ETag,
        };
        return integration.Type switch
        {
            IntegrationType.Jira => view with
            {
                JiraBaseUrl = integration.JiraBaseUrl,
                JiraEmail = integration.JiraEmail,
                JiraApiToken = SecretView.Of(integration.JiraApiToken),
                JiraProjectKey = integration.JiraProjectKey,
            },
            IntegrationType.Slack => view with
            {
                SlackWebhookUrl = SecretView.Of(integration.SlackWebhookUrl),
                SlackChannel = integration.SlackChannel,
            },
            IntegrationType.Teams => view with
            {
                TeamsWebhookUrl = SecretView.Of(integration.TeamsWebhookUrl),
                TeamsFormat = integration.TeamsFormat,
            },
            IntegrationType.Webhook => view with
            {
                WebhookUrl = SecretView.Of(integration.WebhookUrl),
                WebhookSigningSecret = SecretView.Of(integration.WebhookSigningSecret),
            },
            IntegrationType.Email => view with { EmailRecipients = integration.EmailRecipients },
            _ => view,
        };
    }
}

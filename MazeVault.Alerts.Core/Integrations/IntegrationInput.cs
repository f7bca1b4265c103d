using System.Text.Json;
using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Routing;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// The body of a create or update of an integration: the common fields, and every other field for the channel's
/// settings. Every member is optional here so that validation can name each missing field. On update an omitted (or
/// null) secret keeps the stored one; an empty string clears it.
/// </summary>
public sealed record IntegrationInput
{
    /// <summary>A registered channel type: jira, teams, slack, webhook or email.</summary>
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Category { get; init; }
    public bool? Active { get; init; }
    public bool? WeeklyReport { get; init; }
    public bool? Digest { get; init; }
    public bool? NotifyResolved { get; init; }
    public bool? Paced { get; init; }

    /// <summary>Which alerts the integration takes; omitted keeps the stored route, <c>{}</c> takes every alert again.</summary>
    public RouteDocument? Route { get; init; }

    /// <summary>The channel's fields (jiraBaseUrl, slackWebhookUrl, ...), read into its settings type once the type is known.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Settings { get; init; }
}

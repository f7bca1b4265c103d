using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.TestSupport;

/// <summary>Integrations of each built-in channel with the settings a test needs, and the channel types in delivery order.</summary>
public static class TestIntegrations
{
    public const string Jira = JiraChannel.Type;
    public const string Teams = TeamsChannel.Type;
    public const string Slack = SlackChannel.Type;
    public const string Webhook = WebhookChannel.Type;
    public const string Email = EmailChannel.Type;

    /// <summary>The delivery order: JIRA, Teams, Slack, Webhook, Email.</summary>
    public static IReadOnlyList<string> AllTypes { get; } = [Jira, Teams, Slack, Webhook, Email];

    public static Integration Of(string id, string type, ChannelSettings settings, string organizationId = "org") => new()
    {
        Id = id,
        OrganizationId = organizationId,
        Type = type,
        Name = $"{type} {id}",
        Settings = settings,
    };

    public static JiraSettings JiraSettings(string baseUrl = "https://jira.invalid", string token = "jira-token-secret", string email = "bot@example.com", string projectKey = "SEC") =>
        new() { JiraBaseUrl = baseUrl, JiraEmail = email, JiraApiToken = Secret.Of(token), JiraProjectKey = projectKey };

    public static SlackSettings SlackSettings(string url, string? channel = null) => new() { SlackWebhookUrl = Secret.Of(url), SlackChannel = channel };

    public static TeamsSettings TeamsSettings(string url, TeamsMessageFormat format = TeamsMessageFormat.AdaptiveCard) =>
        new() { TeamsWebhookUrl = Secret.Of(url), TeamsFormat = format };

    public static WebhookSettings WebhookSettings(string url, string? signingSecret = null) =>
        new() { WebhookUrl = Secret.Of(url), WebhookSigningSecret = signingSecret is null ? null : Secret.Of(signingSecret) };

    public static EmailSettings EmailSettings(params string[] recipients) => new() { EmailRecipients = recipients };

    /// <summary>Settings of <paramref name="type"/> with placeholder destinations on reserved .invalid hosts.</summary>
    public static ChannelSettings DefaultSettings(string type) => type switch
    {
        Jira => JiraSettings(),
        Teams => TeamsSettings("https://teams.invalid/workflows/teams-secret"),
        Slack => SlackSettings("https://hooks.slack.invalid/services/slack-secret"),
        Webhook => WebhookSettings("https://hooks.invalid/webhook-secret"),
        Email => EmailSettings("ops@example.com"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a built-in channel"),
    };

    /// <summary>A catalog of the built-in channels as AddAlertsChannels registers them (for the order and settings types; it resolves no sender).</summary>
    public static ChannelCatalog Catalog()
    {
        var services = new ServiceCollection().AddAlertsChannels(new ConfigurationBuilder().Build());
        var registrations = services.Where(d => d.ServiceType == typeof(ChannelRegistration)).Select(d => (ChannelRegistration)d.ImplementationInstance!);
        return new ChannelCatalog(registrations, new ServiceCollection().BuildServiceProvider());
    }

    /// <summary>Opens a secret setting of an integration, as a channel does (a stored one needs the key).</summary>
    public static Task<string> RevealAsync(Integration integration, string field) =>
        Field(integration, field).Get(integration.Settings)!.RevealAsync(CancellationToken.None);

    /// <summary>Every secret setting opened as a channel opens them (null when unset), by field name.</summary>
    public static async Task<IReadOnlyList<(string Field, string? Value)>> RevealAllAsync(Integration integration, CancellationToken ct = default)
    {
        var opened = new List<(string, string?)>();
        foreach (var field in SecretFields.Of(integration.Settings.GetType()))
        {
            opened.Add((field.Name, field.Get(integration.Settings) is { } secret ? await secret.RevealAsync(ct) : null));
        }

        return opened;
    }

    /// <summary>The plain value of a secret setting of an integration built in a test (not one read from storage).</summary>
    public static string SecretValue(Integration integration, string field) => Field(integration, field).Get(integration.Settings)!.Plain;

    private static SecretField Field(Integration integration, string field) => SecretFields.Of(integration.Settings.GetType()).Single(f => f.Name == field);
}

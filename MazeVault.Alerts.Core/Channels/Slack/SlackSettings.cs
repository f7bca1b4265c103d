using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels.Slack;

/// <summary>A Slack incoming webhook (the URL is the credential) and the optional, best-effort channel override.</summary>
public sealed partial record SlackSettings : ChannelSettings
{
    [ChannelField("Webhook URL", Required = true, Format = ChannelFieldFormat.Url, Help = "A Slack incoming webhook: https://hooks.slack.com/services/…")]
    public Secret? SlackWebhookUrl { get; init; }

    [ChannelField("Channel", Pattern = ChannelRegex, Help = "Optional override such as #security-alerts (the webhook's own channel otherwise).")]
    public string? SlackChannel { get; init; }

    // Slack channel names and ids: letters, digits, '.', '_' and '-', optionally after '#'.
    private const string ChannelRegex = "^#?[A-Za-z0-9._-]{1,80}$";

    [GeneratedRegex(ChannelRegex)]
    private static partial Regex ChannelPattern();

    public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        var previous = stored as SlackSettings;
        var channel = errors.Optional("slackChannel", SlackChannel, 81);
        if (channel is not null && !ChannelPattern().IsMatch(channel))
        {
            errors.Add("slackChannel", "must be a channel name such as #security-alerts or a channel id.");
            channel = null;
        }

        return Task.FromResult<ChannelSettings>(new SlackSettings
        {
            SlackWebhookUrl = errors.SecretUrl("slackWebhookUrl", SlackWebhookUrl, previous?.SlackWebhookUrl),
            SlackChannel = channel,
        });
    }
}

using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels.Teams;

/// <summary>A Teams Workflows webhook (the opaque URL is the credential) and the message format.</summary>
public sealed record TeamsSettings : ChannelSettings
{
    [ChannelField("Webhook URL", Required = true, Format = ChannelFieldFormat.Url, Help = "A Teams Workflows webhook (or a legacy connector URL with the MessageCard format).")]
    public Secret? TeamsWebhookUrl { get; init; }

    [ChannelField("Message format", Help = "adaptiveCard (Workflows, the default) or messageCard (legacy connectors).")]
    public TeamsMessageFormat? TeamsFormat { get; init; }

    [JsonIgnore]
    public TeamsMessageFormat Format => TeamsFormat ?? TeamsMessageFormat.AdaptiveCard;

    public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        var previous = stored as TeamsSettings;
        return Task.FromResult<ChannelSettings>(new TeamsSettings
        {
            TeamsWebhookUrl = errors.SecretUrl("teamsWebhookUrl", TeamsWebhookUrl, previous?.TeamsWebhookUrl),
            TeamsFormat = TeamsFormat ?? previous?.TeamsFormat ?? TeamsMessageFormat.AdaptiveCard,
        });
    }
}

using System.Text.Json.Serialization;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels.Email;

/// <summary>An Email integration's own recipients, sent through the active email transport.</summary>
public sealed record EmailSettings : ChannelSettings
{
    /// <summary>Microsoft Graph accepts at most 500 recipients per message.</summary>
    public const int MaxEmailRecipients = 500;

    [ChannelField("Recipients", Required = true, Format = ChannelFieldFormat.Email, MaxItems = MaxEmailRecipients, Help = "One address per line.")]
    public IReadOnlyList<string>? EmailRecipients { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> Recipients => EmailRecipients ?? [];

    public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        if (EmailRecipients is null || EmailRecipients.Count == 0)
        {
            errors.Add("emailRecipients", "is required: at least one email address.");
            return Task.FromResult<ChannelSettings>(new EmailSettings { EmailRecipients = [] });
        }

        return Task.FromResult<ChannelSettings>(new EmailSettings { EmailRecipients = errors.Emails("emailRecipients", EmailRecipients, MaxEmailRecipients) });
    }
}

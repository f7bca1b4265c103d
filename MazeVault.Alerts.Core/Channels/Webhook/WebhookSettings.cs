using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels.Webhook;

/// <summary>A generic JSON webhook: its URL (a secret) and an optional Standard Webhooks signing secret.</summary>
public sealed record WebhookSettings : ChannelSettings
{
    public const int MinSigningSecretLength = 16;

    [ChannelField("Webhook URL", Required = true, Format = ChannelFieldFormat.Url, Help = "Receives a JSON POST per notification.")]
    public Secret? WebhookUrl { get; init; }

    [ChannelField("Signing secret", Help = "Optional, at least 16 characters: requests are signed the Standard Webhooks way. A changed webhook URL needs it again (or empty).")]
    public Secret? WebhookSigningSecret { get; init; }

    public override async Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        var previous = stored as WebhookSettings;
        return new WebhookSettings
        {
            WebhookUrl = errors.SecretUrl("webhookUrl", WebhookUrl, previous?.WebhookUrl),
            WebhookSigningSecret = await SigningSecretAsync(errors, previous, ct),
        };
    }

    /// <summary>
    /// Like the JIRA token, the stored signing secret stays with the URL it was given for: a new host must not receive
    /// validly signed messages that it could replay to the real receiver.
    /// </summary>
    private async Task<Secret?> SigningSecretAsync(FieldErrors errors, WebhookSettings? previous, CancellationToken ct)
    {
        // A blank URL is refused as webhookUrl's own error; only a real new address needs the secret again.
        var newUrl = WebhookUrl?.Plain.Trim();
        if (WebhookSigningSecret is null && previous?.WebhookSigningSecret is not null && !string.IsNullOrEmpty(newUrl)
            && previous.WebhookUrl is { } storedUrl && !string.Equals(await storedUrl.RevealAsync(ct), newUrl, StringComparison.Ordinal))
        {
            errors.Add("webhookSigningSecret", "is required again when webhookUrl changes (send \"\" to stop signing): the stored secret only signs for the URL it was given for.");
            return null;
        }

        var secret = errors.Secret("webhookSigningSecret", WebhookSigningSecret, previous?.WebhookSigningSecret, required: false);
        if (secret is { } given && WebhookSigningSecret is not null && given.Plain.Length < MinSigningSecretLength)
        {
            errors.Add("webhookSigningSecret", $"must be at least {MinSigningSecretLength} characters.");
            return null;
        }

        return secret;
    }
}

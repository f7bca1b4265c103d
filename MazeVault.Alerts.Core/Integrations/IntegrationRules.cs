using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>Validates an <see cref="IntegrationInput"/> for its type and turns it into the stored <see cref="Integration"/>.</summary>
public static partial class IntegrationRules
{
    public const int MaxNameLength = 200;
    public const int MaxSecretLength = 2048;
    public const int MinSigningSecretLength = 16;
    /// <summary>Microsoft Graph accepts at most 500 recipients per message.</summary>
    public const int MaxEmailRecipients = 500;

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,9}$")]
    private static partial Regex JiraProjectKey();

    // Slack channel names and ids: letters, digits, '.', '_' and '-', optionally after '#'.
    [GeneratedRegex("^#?[A-Za-z0-9._-]{1,80}$")]
    private static partial Regex SlackChannel();

    /// <summary>
    /// The integration as it will be stored: only its type's fields set, secrets merged from <paramref name="stored"/>
    /// when omitted. Throws <see cref="ValidationException"/> naming every invalid field.
    /// </summary>
    public static Integration Build(string organizationId, string id, IntegrationInput input, Integration? stored, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", input.Name, MaxNameLength);
        if (input.Category is not null && input.Category != Integration.NotificationCategory)
        {
            errors.Add("category", $"must be '{Integration.NotificationCategory}' (the only category alerts use).");
        }

        var type = ParseType(errors, input.Type);
        var integration = new Integration
        {
            Id = id,
            OrganizationId = organizationId,
            Type = type ?? default,
            Name = name ?? "",
            Active = input.Active ?? stored?.Active ?? true,
            WeeklyReport = input.WeeklyReport ?? stored?.WeeklyReport ?? false,
            CreatedAt = stored?.CreatedAt ?? now,
            UpdatedAt = now,
            ETag = stored?.ETag,
        };

        var jiraBaseUrl = type == IntegrationType.Jira ? errors.HttpsUrl("jiraBaseUrl", input.JiraBaseUrl) : null;
        integration = type switch
        {
            IntegrationType.Jira => integration with
            {
                JiraBaseUrl = jiraBaseUrl,
                JiraEmail = errors.Email("jiraEmail", input.JiraEmail),
                JiraApiToken = JiraApiToken(errors, input.JiraApiToken, stored, jiraBaseUrl),
                JiraProjectKey = ProjectKey(errors, input.JiraProjectKey),
            },
            IntegrationType.Slack => integration with
            {
                SlackWebhookUrl = SecretUrl(errors, "slackWebhookUrl", input.SlackWebhookUrl, stored?.SlackWebhookUrl),
                SlackChannel = Channel(errors, input.SlackChannel),
            },
            IntegrationType.Teams => integration with
            {
                TeamsWebhookUrl = SecretUrl(errors, "teamsWebhookUrl", input.TeamsWebhookUrl, stored?.TeamsWebhookUrl),
                TeamsFormat = input.TeamsFormat ?? stored?.TeamsFormat ?? TeamsMessageFormat.AdaptiveCard,
            },
            IntegrationType.Webhook => integration with
            {
                WebhookUrl = SecretUrl(errors, "webhookUrl", input.WebhookUrl, stored?.WebhookUrl),
                WebhookSigningSecret = SigningSecret(errors, input, stored),
            },
            IntegrationType.Email => integration with
            {
                EmailRecipients = EmailRecipients(errors, input.EmailRecipients),
            },
            _ => integration,
        };

        errors.ThrowIfAny();
        return integration;
    }

    private static IntegrationType? ParseType(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("type", "is required: one of jira, teams, slack, webhook, email.");
            return null;
        }

        // Names only: Enum.TryParse would also accept "1" or "Jira, Slack".
        var match = Enum.GetValues<IntegrationType>()
            .Where(t => string.Equals(t.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(t => (IntegrationType?)t)
            .FirstOrDefault();
        if (match is null)
        {
            errors.Add("type", "is not a known integration type: use one of jira, teams, slack, webhook, email.");
        }

        return match;
    }

    /// <summary>Omitted keeps the stored secret, "" clears it; the value itself never appears in an error.</summary>
    private static string? Secret(FieldErrors errors, string field, string? input, string? stored, bool required)
    {
        var value = input is null ? stored : input.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }

            return null;
        }

        if (value.Length > MaxSecretLength)
        {
            errors.Add(field, $"must be at most {MaxSecretLength} characters.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The stored token is kept only for the site it was given for: otherwise a caller who cannot read it could point
    /// the integration at their own server, press Test, and receive it in the Authorization header.
    /// </summary>
    private static string? JiraApiToken(FieldErrors errors, string? input, Integration? stored, string? baseUrl)
    {
        var sameSite = stored?.JiraBaseUrl is { } storedUrl && string.Equals(storedUrl, baseUrl, StringComparison.OrdinalIgnoreCase);
        if (input is null && stored?.JiraApiToken is not null && !sameSite)
        {
            errors.Add("jiraApiToken", "is required again when jiraBaseUrl changes: the stored token is only sent to the site it was given for.");
            return null;
        }

        return Secret(errors, "jiraApiToken", input, stored?.JiraApiToken, required: true);
    }

    private static string? SecretUrl(FieldErrors errors, string field, string? input, string? stored) =>
        input is null && stored is not null ? stored : errors.HttpsUrl(field, input, MaxSecretLength);

    /// <summary>
    /// Like the JIRA token, the stored signing secret stays with the URL it was given for: a new host must not receive
    /// validly signed messages that it could replay to the real receiver.
    /// </summary>
    private static string? SigningSecret(FieldErrors errors, IntegrationInput input, Integration? stored)
    {
        // A blank URL is refused as webhookUrl's own error; only a real new address needs the secret again.
        var movedUrl = !string.IsNullOrWhiteSpace(input.WebhookUrl) && stored?.WebhookUrl is { } storedUrl
            && !string.Equals(storedUrl, input.WebhookUrl.Trim(), StringComparison.Ordinal);
        if (input.WebhookSigningSecret is null && stored?.WebhookSigningSecret is not null && movedUrl)
        {
            errors.Add("webhookSigningSecret", "is required again when webhookUrl changes (send \"\" to stop signing): the stored secret only signs for the URL it was given for.");
            return null;
        }

        var secret = Secret(errors, "webhookSigningSecret", input.WebhookSigningSecret, stored?.WebhookSigningSecret, required: false);
        if (secret is not null && secret.Length < MinSigningSecretLength)
        {
            errors.Add("webhookSigningSecret", $"must be at least {MinSigningSecretLength} characters.");
            return null;
        }

        return secret;
    }

    private static string? ProjectKey(FieldErrors errors, string? value)
    {
        var key = errors.Required("jiraProjectKey", value, 10);
        if (key is not null && !JiraProjectKey().IsMatch(key))
        {
            errors.Add("jiraProjectKey", "must be an uppercase JIRA project key such as SEC (a letter, then 1-9 letters, digits or '_').");
            return null;
        }

        return key;
    }

    private static string? Channel(FieldErrors errors, string? value)
    {
        var channel = errors.Optional("slackChannel", value, 81);
        if (channel is not null && !SlackChannel().IsMatch(channel))
        {
            errors.Add("slackChannel", "must be a channel name such as #security-alerts or a channel id.");
            return null;
        }

        return channel;
    }

    private static IReadOnlyList<string> EmailRecipients(FieldErrors errors, IReadOnlyList<string?>? values)
    {
        if (values is null || values.Count == 0)
        {
            errors.Add("emailRecipients", "is required: at least one email address.");
            return [];
        }

        return errors.Emails("emailRecipients", values, MaxEmailRecipients);
    }
}

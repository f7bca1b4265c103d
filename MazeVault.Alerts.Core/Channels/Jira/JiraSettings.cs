using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>
/// JIRA Cloud: site URL, account email, API token (secret), the project issues are created in, and how issues follow the
/// resource (the transition that resolves them, and for how many days after that a new alert reopens one).
/// </summary>
public sealed partial record JiraSettings : ChannelSettings
{
    public const int DefaultReopenDays = 7;
    public const int MaxReopenDays = 90;

    // Jira caps transition names well below this; a longer one can never match.
    private const int MaxTransitionNameLength = 255;

    [ChannelField("JIRA site URL", Required = true, Format = ChannelFieldFormat.Url, Help = "https://your-company.atlassian.net")]
    public string? JiraBaseUrl { get; init; }

    [ChannelField("Account email", Required = true, Format = ChannelFieldFormat.Email, Help = "The Atlassian account the API token belongs to.")]
    public string? JiraEmail { get; init; }

    [ChannelField("API token", Required = true, Help = "An Atlassian API token; it is sent only to the site above, so a changed site needs it again.")]
    public Secret? JiraApiToken { get; init; }

    [ChannelField("Project key", Required = true, Pattern = ProjectKeyRegex, Help = "Issues are created in this project, e.g. SEC.")]
    public string? JiraProjectKey { get; init; }

    [ChannelField("Resolve transition", Help = "The transition that resolves an issue; empty: the first one to a done status.")]
    public string? JiraResolveTransition { get; init; }

    [ChannelField("Reopen within days", Minimum = 0, Maximum = MaxReopenDays, Help = "A new alert within this many days of an issue being done reopens it (0 never reopens; default 7).")]
    public int? JiraReopenDays { get; init; }

    [JsonIgnore]
    public int ReopenDays => JiraReopenDays ?? DefaultReopenDays;

    /// <summary>The API token is sent only to this site (Basic auth): its seal binds the site's origin.</summary>
    [JsonIgnore]
    public override string? SecretsDestination => OriginOf(JiraBaseUrl);

    private const string ProjectKeyRegex = "^[A-Z][A-Z0-9_]{1,9}$";

    [GeneratedRegex(ProjectKeyRegex)]
    private static partial Regex ProjectKeyPattern();

    public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct)
    {
        var previous = stored as JiraSettings;
        var baseUrl = errors.HttpsUrl("jiraBaseUrl", JiraBaseUrl);
        return Task.FromResult<ChannelSettings>(new JiraSettings
        {
            JiraBaseUrl = baseUrl,
            JiraEmail = errors.Email("jiraEmail", JiraEmail),
            JiraApiToken = ApiToken(errors, previous, baseUrl),
            JiraProjectKey = ProjectKey(errors),
            JiraResolveTransition = errors.Optional("jiraResolveTransition", JiraResolveTransition, MaxTransitionNameLength),
            JiraReopenDays = ReopenDaysFrom(errors, previous),
        });
    }

    /// <summary>Kept from the stored settings when omitted, like other fields with a default, so a PUT does not reset it.</summary>
    private int? ReopenDaysFrom(FieldErrors errors, JiraSettings? previous)
    {
        var days = JiraReopenDays ?? previous?.JiraReopenDays ?? DefaultReopenDays;
        if (days is < 0 or > MaxReopenDays)
        {
            errors.Add("jiraReopenDays", $"must be a whole number of days from 0 (never reopen) to {MaxReopenDays}.");
            return null;
        }

        return days;
    }

    /// <summary>
    /// The stored token is kept only for the site it was given for: otherwise a caller who cannot read it could point
    /// the integration at their own server, press Test, and receive it in the Authorization header.
    /// </summary>
    private Secret? ApiToken(FieldErrors errors, JiraSettings? previous, string? baseUrl)
    {
        var sameSite = previous?.JiraBaseUrl is { } storedUrl && string.Equals(storedUrl, baseUrl, StringComparison.OrdinalIgnoreCase);
        if (JiraApiToken is null && previous?.JiraApiToken is not null && !sameSite)
        {
            errors.Add("jiraApiToken", "is required again when jiraBaseUrl changes: the stored token is only sent to the site it was given for.");
            return null;
        }

        return errors.Secret("jiraApiToken", JiraApiToken, previous?.JiraApiToken, required: true);
    }

    private string? ProjectKey(FieldErrors errors)
    {
        var key = errors.Required("jiraProjectKey", JiraProjectKey, 10);
        if (key is not null && !ProjectKeyPattern().IsMatch(key))
        {
            errors.Add("jiraProjectKey", "must be an uppercase JIRA project key such as SEC (a letter, then 1-9 letters, digits or '_').");
            return null;
        }

        return key;
    }
}

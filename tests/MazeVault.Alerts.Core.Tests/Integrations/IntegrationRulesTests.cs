using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class IntegrationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly IntegrationInput ValidJira = new()
    {
        Type = "jira",
        Name = "Security JIRA",
        JiraBaseUrl = "https://company.atlassian.net",
        JiraEmail = "operator@company.com",
        JiraApiToken = "fake-jira-token-secret-token-9876",
        JiraProjectKey = "SEC",
    };

    private static IReadOnlyList<string> FieldsOf(Action build) =>
        Assert.Throws<ValidationException>(build).Errors.Select(e => e.Field).ToList();

    [Fact]
    public void Jira_input_keeps_only_jira_fields()
    {
        var integration = IntegrationRules.Build("org", "id", ValidJira with { SlackWebhookUrl = "https://hooks.slack.com/services/x" }, null, Now);

        Assert.Equal(IntegrationType.Jira, integration.Type);
        Assert.Equal("SEC", integration.JiraProjectKey);
        Assert.Null(integration.SlackWebhookUrl);
        Assert.Equal(Integration.NotificationCategory, integration.Category);
        Assert.True(integration.Active);
        Assert.Equal(Now, integration.CreatedAt);
    }

    [Theory]
    [InlineData("SEC", true)]
    [InlineData("S1_2", true)]
    [InlineData("ABCDEFGHIJ", true)]
    [InlineData("sec", false)]
    [InlineData("S", false)]
    [InlineData("1SEC", false)]
    [InlineData("ABCDEFGHIJK", false)]
    [InlineData("SE C", false)]
    public void Jira_project_key_must_have_the_jira_shape(string key, bool valid)
    {
        var build = () => IntegrationRules.Build("org", "id", ValidJira with { JiraProjectKey = key }, null, Now);
        if (valid)
        {
            Assert.Equal(key, build().JiraProjectKey);
        }
        else
        {
            Assert.Equal(["jiraProjectKey"], FieldsOf(() => build()));
        }
    }

    [Theory]
    [InlineData("http://company.atlassian.net")]
    [InlineData("company.atlassian.net")]
    [InlineData("/rest/api/3")]
    [InlineData("ftp://company.atlassian.net")]
    [InlineData("https://user:pass@company.atlassian.net")]
    public void Jira_base_url_must_be_an_absolute_https_url_without_credentials(string url) =>
        Assert.Equal(["jiraBaseUrl"], FieldsOf(() => IntegrationRules.Build("org", "id", ValidJira with { JiraBaseUrl = url }, null, Now)));

    [Theory]
    [InlineData("operator")]
    [InlineData("operator@")]
    [InlineData("Operator <operator@company.com>")]
    [InlineData("operator@localhost")]
    [InlineData("a b@company.com")]
    public void Jira_email_must_be_a_plain_address(string email) =>
        Assert.Equal(["jiraEmail"], FieldsOf(() => IntegrationRules.Build("org", "id", ValidJira with { JiraEmail = email }, null, Now)));

    [Fact]
    public void Every_missing_field_is_named_at_once()
    {
        var fields = FieldsOf(() => IntegrationRules.Build("org", "id", new IntegrationInput { Type = "jira" }, null, Now));

        Assert.Equal(["name", "jiraBaseUrl", "jiraEmail", "jiraApiToken", "jiraProjectKey"], fields);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pagerduty")]
    [InlineData("1")]
    [InlineData("Jira, Slack")]
    public void Unknown_or_missing_type_names_type(string? type) =>
        Assert.Equal(["type"], FieldsOf(() => IntegrationRules.Build("org", "id", new IntegrationInput { Type = type, Name = "x" }, null, Now)));

    [Fact]
    public void Type_names_match_ignoring_case() =>
        Assert.Equal(IntegrationType.Slack, IntegrationRules.Build("org", "id", new IntegrationInput { Type = "SLACK", Name = "x", SlackWebhookUrl = "https://hooks.slack.com/services/T/B/x" }, null, Now).Type);

    [Fact]
    public void Category_other_than_notification_is_refused() =>
        Assert.Equal(["category"], FieldsOf(() => IntegrationRules.Build("org", "id", ValidJira with { Category = "audit" }, null, Now)));

    [Theory]
    [InlineData("#security-alerts", true)]
    [InlineData("C0123ABCD", true)]
    [InlineData("#security alerts", false)]
    [InlineData("#sec<script>", false)]
    public void Slack_channel_override_must_look_like_a_channel(string channel, bool valid)
    {
        var input = new IntegrationInput { Type = "slack", Name = "Slack", SlackWebhookUrl = "https://hooks.slack.com/services/T/B/x", SlackChannel = channel };
        if (valid)
        {
            Assert.Equal(channel, IntegrationRules.Build("org", "id", input, null, Now).SlackChannel);
        }
        else
        {
            Assert.Equal(["slackChannel"], FieldsOf(() => IntegrationRules.Build("org", "id", input, null, Now)));
        }
    }

    [Fact]
    public void Webhook_signing_secret_is_optional_but_not_short()
    {
        var input = new IntegrationInput { Type = "webhook", Name = "Hook", WebhookUrl = "https://api.example.com/events" };
        Assert.Null(IntegrationRules.Build("org", "id", input, null, Now).WebhookSigningSecret);
        Assert.Equal(["webhookSigningSecret"], FieldsOf(() => IntegrationRules.Build("org", "id", input with { WebhookSigningSecret = "short" }, null, Now)));
    }

    [Fact]
    public void Email_recipients_are_required_checked_by_index_and_deduplicated()
    {
        var input = new IntegrationInput { Type = "email", Name = "Mail" };
        Assert.Equal(["emailRecipients"], FieldsOf(() => IntegrationRules.Build("org", "id", input, null, Now)));
        Assert.Equal(["emailRecipients[1]"], FieldsOf(() => IntegrationRules.Build("org", "id", input with { EmailRecipients = ["a@example.com", "nope"] }, null, Now)));

        var built = IntegrationRules.Build("org", "id", input with { EmailRecipients = ["a@example.com", "A@example.com", "b@example.com"] }, null, Now);
        Assert.Equal(["a@example.com", "b@example.com"], built.EmailRecipients);
    }

    [Fact]
    public void Email_recipients_that_would_not_fit_one_table_property_are_refused()
    {
        // 200 distinct long addresses: under the count limit, over what one stored string property holds.
        var recipients = Enumerable.Range(0, 200).Select(i => $"{new string('a', 150)}{i}@example.com").ToList<string?>();

        Assert.Equal(["emailRecipients"], FieldsOf(() => IntegrationRules.Build("org", "id",
            new IntegrationInput { Type = "email", Name = "Mail", EmailRecipients = recipients }, null, Now)));
    }

    [Fact]
    public void Omitted_secret_on_update_keeps_the_stored_one_and_empty_clears_an_optional_one()
    {
        var stored = IntegrationRules.Build("org", "id",
            new IntegrationInput { Type = "webhook", Name = "Hook", WebhookUrl = "https://api.example.com/events/abc", WebhookSigningSecret = "whsec_0123456789abcdef" },
            null, Now);

        var renamed = IntegrationRules.Build("org", "id", new IntegrationInput { Type = "webhook", Name = "Renamed" }, stored, Now.AddHours(1));
        Assert.Equal(stored.WebhookUrl, renamed.WebhookUrl);
        Assert.Equal(stored.WebhookSigningSecret, renamed.WebhookSigningSecret);
        Assert.Equal(Now, renamed.CreatedAt);
        Assert.Equal(Now.AddHours(1), renamed.UpdatedAt);

        var cleared = IntegrationRules.Build("org", "id", new IntegrationInput { Type = "webhook", Name = "Hook", WebhookSigningSecret = "" }, stored, Now);
        Assert.Null(cleared.WebhookSigningSecret);
        Assert.Equal(["webhookUrl"], FieldsOf(() => IntegrationRules.Build("org", "id", new IntegrationInput { Type = "webhook", Name = "Hook", WebhookUrl = "" }, stored, Now)));
    }

    [Fact]
    public void Changing_type_does_not_carry_the_old_types_secrets()
    {
        var stored = IntegrationRules.Build("org", "id", new IntegrationInput { Type = "slack", Name = "S", SlackWebhookUrl = "https://hooks.slack.com/services/T/B/x" }, null, Now);

        Assert.Equal(["teamsWebhookUrl"], FieldsOf(() => IntegrationRules.Build("org", "id", new IntegrationInput { Type = "teams", Name = "T" }, stored, Now)));
        var teams = IntegrationRules.Build("org", "id", new IntegrationInput { Type = "teams", Name = "T", TeamsWebhookUrl = "https://prod.logic.azure.com/wf?sig=s" }, stored, Now);
        Assert.Null(teams.SlackWebhookUrl);
    }

    [Fact]
    public void Errors_never_repeat_the_secret_given()
    {
        const string secretUrl = "http://hooks.slack.com/services/t0-fake/b0-fake/xsecret-not-real";
        var error = Assert.Throws<ValidationException>(() => IntegrationRules.Build("org", "id",
            new IntegrationInput { Type = "slack", Name = "S", SlackWebhookUrl = secretUrl }, null, Now));

        Assert.DoesNotContain("xsecret-not-real", error.Message);
        Assert.DoesNotContain("t0-fake", error.Message);
    }

    [Fact]
    public void Changing_the_jira_base_url_without_resending_the_token_is_refused_so_the_stored_token_never_goes_to_the_new_host()
    {
        var stored = IntegrationRules.Build("org", "id", ValidJira, null, Now);

        var moved = ValidJira with { JiraBaseUrl = "https://attacker.example", JiraApiToken = null };

        Assert.Equal(["jiraApiToken"], FieldsOf(() => IntegrationRules.Build("org", "id", moved, stored, Now)));
        Assert.Equal("new-token", IntegrationRules.Build("org", "id", moved with { JiraApiToken = "new-token" }, stored, Now).JiraApiToken);
        Assert.Equal(stored.JiraApiToken, IntegrationRules.Build("org", "id", ValidJira with { Name = "Renamed", JiraApiToken = null }, stored, Now).JiraApiToken);
    }

    [Fact]
    public void Changing_the_webhook_url_without_resending_the_signing_secret_is_refused_so_the_new_host_gets_no_signed_messages()
    {
        var signed = new IntegrationInput
        {
            Type = "webhook", Name = "Pager", WebhookUrl = "https://hooks.company.com/alerts", WebhookSigningSecret = "whsec_0123456789abcdef0123456789",
        };
        var stored = IntegrationRules.Build("org", "id", signed, null, Now);

        var moved = signed with { WebhookUrl = "https://attacker.example/hook", WebhookSigningSecret = null };

        Assert.Equal(["webhookSigningSecret"], FieldsOf(() => IntegrationRules.Build("org", "id", moved, stored, Now)));
        Assert.Null(IntegrationRules.Build("org", "id", moved with { WebhookSigningSecret = "" }, stored, Now).WebhookSigningSecret);
        Assert.Equal(stored.WebhookSigningSecret, IntegrationRules.Build("org", "id", signed with { Name = "Renamed", WebhookUrl = null, WebhookSigningSecret = null }, stored, Now).WebhookSigningSecret);
        Assert.Equal(stored.WebhookSigningSecret, IntegrationRules.Build("org", "id", signed with { WebhookSigningSecret = null }, stored, Now).WebhookSigningSecret);
    }
}

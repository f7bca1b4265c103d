using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Egress;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MazeVault.Alerts.Core.Tests.Integrations;

/// <summary>Create and update validation: the common fields by the service, each channel's fields by its settings type.</summary>
public sealed class IntegrationValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IIntegrationStore> _store = new();
    private readonly FakeTimeProvider _time = new(Now);

    public IntegrationValidationTests()
    {
        _store.Setup(s => s.CreateAsync(It.IsAny<Integration>(), It.IsAny<CancellationToken>())).ReturnsAsync((Integration i, CancellationToken _) => i);
        _store.Setup(s => s.UpdateAsync(It.IsAny<Integration>(), It.IsAny<CancellationToken>())).ReturnsAsync((Integration i, CancellationToken _) => i);
    }

    private IntegrationService Service => new(_store.Object, TestIntegrations.Catalog(), EgressPolicy.Strict, Mock.Of<IOrganizationCapacity>(), _time);

    private static JsonObject ValidJira() => new()
    {
        ["type"] = "jira",
        ["name"] = "Security JIRA",
        ["jiraBaseUrl"] = "https://company.atlassian.net",
        ["jiraEmail"] = "operator@company.com",
        ["jiraApiToken"] = "fake-jira-token-secret-token-9876",
        ["jiraProjectKey"] = "SEC",
    };

    /// <summary>A copy of <paramref name="body"/> with each field set, or removed (omitted) when the value is null.</summary>
    private static JsonObject With(JsonObject body, params (string Field, JsonNode? Value)[] fields)
    {
        var copy = body.DeepClone().AsObject();
        foreach (var (field, value) in fields)
        {
            copy.Remove(field);
            if (value is not null)
            {
                copy[field] = value;
            }
        }

        return copy;
    }

    private static IntegrationInput Input(JsonObject body) => body.Deserialize<IntegrationInput>(ChannelSettingsJson.Options)!;

    private Task<Integration> CreateAsync(JsonObject body) => Service.CreateAsync("org", Input(body), CancellationToken.None);

    private async Task<Integration> UpdateAsync(JsonObject body, Integration stored)
    {
        _store.Setup(s => s.GetAsync("org", stored.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        return (await Service.UpdateAsync("org", stored.Id, Input(body), "*", CancellationToken.None))!;
    }

    private static async Task<IReadOnlyList<string>> FieldsOf(Func<Task> build) =>
        (await Assert.ThrowsAsync<ValidationException>(build)).Errors.Select(e => e.Field).ToList();

    private static T Settings<T>(Integration integration) where T : ChannelSettings => Assert.IsType<T>(integration.Settings);

    private static async Task<string?> Reveal(Core.Secrets.Secret? secret) => secret is null ? null : await secret.RevealAsync(CancellationToken.None);

    [Fact]
    public async Task Jira_input_keeps_only_jira_fields()
    {
        var integration = await CreateAsync(With(ValidJira(), ("slackWebhookUrl", "https://hooks.slack.com/services/x")));

        Assert.Equal("jira", integration.Type);
        Assert.Equal("SEC", Settings<JiraSettings>(integration).JiraProjectKey);
        Assert.DoesNotContain("slackWebhookUrl", JsonSerializer.Serialize(integration.Settings, integration.Settings.GetType(), ChannelSettingsJson.Options));
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
    public async Task Jira_project_key_must_have_the_jira_shape(string key, bool valid)
    {
        var body = With(ValidJira(), ("jiraProjectKey", key));
        if (valid)
        {
            Assert.Equal(key, Settings<JiraSettings>(await CreateAsync(body)).JiraProjectKey);
        }
        else
        {
            Assert.Equal(["jiraProjectKey"], await FieldsOf(() => CreateAsync(body)));
        }
    }

    [Theory]
    [InlineData("http://company.atlassian.net")]
    [InlineData("company.atlassian.net")]
    [InlineData("/rest/api/3")]
    [InlineData("ftp://company.atlassian.net")]
    [InlineData("https://user:pass@company.atlassian.net")]
    public async Task Jira_base_url_must_be_an_absolute_https_url_without_credentials(string url) =>
        Assert.Equal(["jiraBaseUrl"], await FieldsOf(() => CreateAsync(With(ValidJira(), ("jiraBaseUrl", url)))));

    [Theory]
    [InlineData("operator")]
    [InlineData("operator@")]
    [InlineData("Operator <operator@company.com>")]
    [InlineData("operator@localhost")]
    [InlineData("a b@company.com")]
    public async Task Jira_email_must_be_a_plain_address(string email) =>
        Assert.Equal(["jiraEmail"], await FieldsOf(() => CreateAsync(With(ValidJira(), ("jiraEmail", email)))));

    [Fact]
    public async Task Every_missing_field_is_named_at_once() =>
        Assert.Equal(["name", "jiraBaseUrl", "jiraEmail", "jiraApiToken", "jiraProjectKey"], await FieldsOf(() => CreateAsync(new JsonObject { ["type"] = "jira" })));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pagerduty")]
    [InlineData("1")]
    [InlineData("Jira, Slack")]
    public async Task Unknown_or_missing_type_names_type(string? type) =>
        Assert.Equal(["type"], await FieldsOf(() => CreateAsync(new JsonObject { ["type"] = type, ["name"] = "x" })));

    [Fact]
    public async Task Type_names_match_ignoring_case_and_are_stored_as_registered() =>
        Assert.Equal("slack", (await CreateAsync(new JsonObject { ["type"] = "SLACK", ["name"] = "x", ["slackWebhookUrl"] = "https://hooks.slack.com/services/T/B/x" })).Type);

    [Fact]
    public async Task Category_other_than_notification_is_refused() =>
        Assert.Equal(["category"], await FieldsOf(() => CreateAsync(With(ValidJira(), ("category", "audit")))));

    [Fact]
    public async Task A_channel_field_of_the_wrong_json_type_is_named()
    {
        Assert.Equal(["teamsFormat"], await FieldsOf(() => CreateAsync(new JsonObject
        {
            ["type"] = "teams", ["name"] = "T", ["teamsWebhookUrl"] = "https://prod.logic.azure.com/wf?sig=s", ["teamsFormat"] = 1,
        })));
        Assert.Equal(["slackWebhookUrl"], await FieldsOf(() => CreateAsync(new JsonObject { ["type"] = "slack", ["name"] = "S", ["slackWebhookUrl"] = 42 })));
    }

    [Theory]
    [InlineData("#security-alerts", true)]
    [InlineData("C0123ABCD", true)]
    [InlineData("#security alerts", false)]
    [InlineData("#sec<script>", false)]
    public async Task Slack_channel_override_must_look_like_a_channel(string channel, bool valid)
    {
        var body = new JsonObject { ["type"] = "slack", ["name"] = "Slack", ["slackWebhookUrl"] = "https://hooks.slack.com/services/T/B/x", ["slackChannel"] = channel };
        if (valid)
        {
            Assert.Equal(channel, Settings<SlackSettings>(await CreateAsync(body)).SlackChannel);
        }
        else
        {
            Assert.Equal(["slackChannel"], await FieldsOf(() => CreateAsync(body)));
        }
    }

    [Fact]
    public async Task Webhook_signing_secret_is_optional_but_not_short()
    {
        var body = new JsonObject { ["type"] = "webhook", ["name"] = "Hook", ["webhookUrl"] = "https://api.example.com/events" };
        Assert.Null(Settings<WebhookSettings>(await CreateAsync(body)).WebhookSigningSecret);
        Assert.Equal(["webhookSigningSecret"], await FieldsOf(() => CreateAsync(With(body, ("webhookSigningSecret", "short")))));
    }

    [Fact]
    public async Task Email_recipients_are_required_checked_by_index_and_deduplicated()
    {
        var body = new JsonObject { ["type"] = "email", ["name"] = "Mail" };
        Assert.Equal(["emailRecipients"], await FieldsOf(() => CreateAsync(body)));
        Assert.Equal(["emailRecipients[1]"], await FieldsOf(() => CreateAsync(With(body, ("emailRecipients", new JsonArray("a@example.com", "nope"))))));

        var built = await CreateAsync(With(body, ("emailRecipients", new JsonArray("a@example.com", "A@example.com", "b@example.com"))));
        Assert.Equal(["a@example.com", "b@example.com"], Settings<EmailSettings>(built).Recipients);
    }

    [Fact]
    public async Task Email_recipients_that_would_not_fit_one_table_property_are_refused()
    {
        // 200 distinct long addresses: under the count limit, over what one stored string property holds.
        var recipients = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode?)$"{new string('a', 150)}{i}@example.com").ToArray());

        Assert.Equal(["emailRecipients"], await FieldsOf(() => CreateAsync(new JsonObject { ["type"] = "email", ["name"] = "Mail", ["emailRecipients"] = recipients })));
    }

    [Fact]
    public async Task Omitted_secret_on_update_keeps_the_stored_one_and_empty_clears_an_optional_one()
    {
        var stored = await CreateAsync(new JsonObject
        {
            ["type"] = "webhook", ["name"] = "Hook", ["webhookUrl"] = "https://api.example.com/events/abc", ["webhookSigningSecret"] = "whsec_0123456789abcdef",
        });
        _time.Advance(TimeSpan.FromHours(1));

        var renamed = await UpdateAsync(new JsonObject { ["type"] = "webhook", ["name"] = "Renamed" }, stored);
        Assert.Equal("https://api.example.com/events/abc", await Reveal(Settings<WebhookSettings>(renamed).WebhookUrl));
        Assert.Equal("whsec_0123456789abcdef", await Reveal(Settings<WebhookSettings>(renamed).WebhookSigningSecret));
        Assert.Equal(Now, renamed.CreatedAt);
        Assert.Equal(Now.AddHours(1), renamed.UpdatedAt);

        var cleared = await UpdateAsync(new JsonObject { ["type"] = "webhook", ["name"] = "Hook", ["webhookSigningSecret"] = "" }, stored);
        Assert.Null(Settings<WebhookSettings>(cleared).WebhookSigningSecret);
        Assert.Equal(["webhookUrl"], await FieldsOf(() => UpdateAsync(new JsonObject { ["type"] = "webhook", ["name"] = "Hook", ["webhookUrl"] = "" }, stored)));
    }

    [Fact]
    public async Task Changing_type_does_not_carry_the_old_types_secrets()
    {
        var stored = await CreateAsync(new JsonObject { ["type"] = "slack", ["name"] = "S", ["slackWebhookUrl"] = "https://hooks.slack.com/services/T/B/x" });

        Assert.Equal(["teamsWebhookUrl"], await FieldsOf(() => UpdateAsync(new JsonObject { ["type"] = "teams", ["name"] = "T" }, stored)));
        var teams = await UpdateAsync(new JsonObject { ["type"] = "teams", ["name"] = "T", ["teamsWebhookUrl"] = "https://prod.logic.azure.com/wf?sig=s" }, stored);
        Assert.IsType<TeamsSettings>(teams.Settings);
    }

    [Fact]
    public async Task Errors_never_repeat_the_secret_given()
    {
        const string secretUrl = "http://hooks.slack.com/services/t0-fake/b0-fake/xsecret-not-real";
        var error = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(new JsonObject { ["type"] = "slack", ["name"] = "S", ["slackWebhookUrl"] = secretUrl }));

        Assert.DoesNotContain("xsecret-not-real", error.Message);
        Assert.DoesNotContain("t0-fake", error.Message);
    }

    [Fact]
    public async Task Changing_the_jira_base_url_without_resending_the_token_is_refused_so_the_stored_token_never_goes_to_the_new_host()
    {
        var stored = await CreateAsync(ValidJira());
        var moved = With(ValidJira(), ("jiraBaseUrl", "https://attacker.example"), ("jiraApiToken", null));

        Assert.Equal(["jiraApiToken"], await FieldsOf(() => UpdateAsync(moved, stored)));
        Assert.Equal("new-token", await Reveal(Settings<JiraSettings>(await UpdateAsync(With(moved, ("jiraApiToken", "new-token")), stored)).JiraApiToken));
        var renamed = await UpdateAsync(With(ValidJira(), ("name", "Renamed"), ("jiraApiToken", null)), stored);
        Assert.Equal("fake-jira-token-secret-token-9876", await Reveal(Settings<JiraSettings>(renamed).JiraApiToken));
    }

    [Fact]
    public async Task Changing_the_webhook_url_without_resending_the_signing_secret_is_refused_so_the_new_host_gets_no_signed_messages()
    {
        var signed = new JsonObject
        {
            ["type"] = "webhook", ["name"] = "Pager", ["webhookUrl"] = "https://hooks.company.com/alerts", ["webhookSigningSecret"] = "whsec_0123456789abcdef0123456789",
        };
        var stored = await CreateAsync(signed);
        var moved = With(signed, ("webhookUrl", "https://attacker.example/hook"), ("webhookSigningSecret", null));

        Assert.Equal(["webhookSigningSecret"], await FieldsOf(() => UpdateAsync(moved, stored)));
        Assert.Null(Settings<WebhookSettings>(await UpdateAsync(With(moved, ("webhookSigningSecret", "")), stored)).WebhookSigningSecret);
        var renamed = await UpdateAsync(With(signed, ("name", "Renamed"), ("webhookUrl", null), ("webhookSigningSecret", null)), stored);
        Assert.Equal("whsec_0123456789abcdef0123456789", await Reveal(Settings<WebhookSettings>(renamed).WebhookSigningSecret));
        var sameUrl = await UpdateAsync(With(signed, ("webhookSigningSecret", null)), stored);
        Assert.Equal("whsec_0123456789abcdef0123456789", await Reveal(Settings<WebhookSettings>(sameUrl).WebhookSigningSecret));
    }
}

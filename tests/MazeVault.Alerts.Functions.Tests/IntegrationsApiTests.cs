using MazeVault.Alerts.Core.Storage;
using System.Text.Json;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Functions.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class IntegrationsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string JiraToken = "fake-jira-token-jira-secret-token-QWERTY";
    private const string SlackUrl = "https://hooks.slack.com/services/t0-SLACKSEC/b0-SLACKSEC/slackpathsecret";
    private const string TeamsUrl = "https://prod-01.westeurope.logic.azure.com:443/workflows/teamswf/triggers/manual/paths/invoke?api-version=2016-06-01&sig=teamssigsecret";
    private const string WebhookUrl = "https://api.example.com/hooks/webhookpathsecret?token=webhookquerysecret";
    private const string SigningSecret = "whsec_signingsecretvalue_abcd";

    /// <summary>Distinctive parts of every secret above: none may appear in any response.</summary>
    private static readonly string[] SecretFragments =
    [
        "jira-secret-token", "SLACKSEC", "slackpathsecret", "teamswf", "teamssigsecret", "webhookpathsecret", "webhookquerysecret", "signingsecretvalue",
    ];

    private readonly ApiHarness _api = new(azurite);
    private IntegrationsApi Api => _api.Function<IntegrationsApi>();

    public static TheoryData<string, string[]> ValidBodies => new()
    {
        { $$"""{"type":"jira","name":"Security JIRA","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"operator@company.com","jiraApiToken":"{{JiraToken}}","jiraProjectKey":"SEC","weeklyReport":true}""", ["jiraApiToken=••••ERTY"] },
        { $$"""{"type":"slack","name":"Slack","slackWebhookUrl":"{{SlackUrl}}","slackChannel":"#security-alerts"}""", ["slackWebhookUrl=https://hooks.slack.com/••••"] },
        { $$"""{"type":"teams","name":"Teams","teamsWebhookUrl":"{{TeamsUrl}}"}""", ["teamsWebhookUrl=https://prod-01.westeurope.logic.azure.com/••••"] },
        { $$"""{"type":"webhook","name":"PagerDuty","webhookUrl":"{{WebhookUrl}}","webhookSigningSecret":"{{SigningSecret}}"}""", ["webhookUrl=https://api.example.com/••••", "webhookSigningSecret=••••abcd"] },
        { """{"type":"email","name":"Mail","emailRecipients":["ops@example.com","sec@example.com"]}""", [] },
    };

    private static void AssertNoSecrets(ApiResponse response)
    {
        foreach (var fragment in SecretFragments)
        {
            Assert.DoesNotContain(fragment, response.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private Task<ApiResponse> CreateAsync(string org, string json) =>
        ApiHarness.SendAsync(_api.Request(json), r => Api.Create(r, org, CancellationToken.None));

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task Create_answers_201_with_location_etag_and_secrets_shown_only_as_set_with_a_hint(string json, string[] secretHints)
    {
        var org = ApiHarness.NewOrganization();

        var response = await CreateAsync(org, json);

        Assert.Equal(201, response.Status);
        AssertNoSecrets(response);
        var body = response.Json;
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/api/organizations/{org}/integrations/{id}", response.Location);
        Assert.NotNull(response.ETag);
        Assert.Equal(response.ETag, body.GetProperty("etag").GetString());
        Assert.Equal("notification", body.GetProperty("category").GetString());
        Assert.Equal(JsonDocument.Parse(json).RootElement.GetProperty("type").GetString(), body.GetProperty("type").GetString());
        foreach (var (field, hint) in secretHints.Select(h => h.Split('=', 2)).Select(p => (p[0], p[1])))
        {
            Assert.True(body.GetProperty(field).GetProperty("set").GetBoolean());
            Assert.Equal(hint, body.GetProperty(field).GetProperty("hint").GetString());
        }

        // The secret is stored for the channels, only hidden from the API.
        var stored = await _api.Services.GetRequiredService<IIntegrationStore>().GetAsync(org, id!, CancellationToken.None);
        var kept = await StoredValuesAsync(stored!);
        Assert.NotEmpty(kept);
        Assert.All(kept, value => Assert.Contains(value, json));
    }

    /// <summary>The opened secret values of a stored integration (its recipients for Email, which has no secret).</summary>
    private static async Task<IReadOnlyList<string>> StoredValuesAsync(Integration stored)
    {
        if (stored.Settings is EmailSettings email)
        {
            return [email.Recipients[0]];
        }

        return (await TestIntegrations.RevealAllAsync(stored)).Where(f => f.Value is not null).Select(f => f.Value!).ToList();
    }

    [Fact]
    public async Task Get_list_update_and_delete_round_trip_with_etags_and_never_show_a_secret()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, $$"""{"type":"webhook","name":"Hook","webhookUrl":"{{WebhookUrl}}","webhookSigningSecret":"{{SigningSecret}}"}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var got = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));
        Assert.Equal(200, got.Status);
        Assert.Equal(created.ETag, got.ETag);
        Assert.Equal("https://api.example.com/••••", got.Json.GetProperty("webhookUrl").GetProperty("hint").GetString());

        var listed = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, org, CancellationToken.None));
        Assert.Equal(200, listed.Status);
        Assert.Equal([id], listed.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        _api.Time.Advance(TimeSpan.FromMinutes(5));
        // Secrets omitted: the stored ones stay.
        var updated = await ApiHarness.SendAsync(
            _api.Request("""{"type":"webhook","name":"Renamed","active":false}""", created.ETag),
            r => Api.Update(r, org, id, CancellationToken.None));
        Assert.Equal(200, updated.Status);
        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal("Renamed", updated.Json.GetProperty("name").GetString());
        Assert.False(updated.Json.GetProperty("active").GetBoolean());
        Assert.True(updated.Json.GetProperty("webhookSigningSecret").GetProperty("set").GetBoolean());
        Assert.Equal(ApiHarness.Start.AddMinutes(5), updated.Json.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(ApiHarness.Start, updated.Json.GetProperty("createdAt").GetDateTimeOffset());
        var stored = await _api.Services.GetRequiredService<IIntegrationStore>().GetAsync(org, id, CancellationToken.None);
        Assert.Equal([WebhookUrl, SigningSecret], await StoredValuesAsync(stored!));

        var deleted = await ApiHarness.SendAsync(_api.Request(ifMatch: updated.ETag), r => Api.Delete(r, org, id, CancellationToken.None));
        Assert.Equal(204, deleted.Status);
        var gone = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));
        gone.AssertProblem(404);

        foreach (var response in new[] { created, got, listed, updated })
        {
            AssertNoSecrets(response);
        }
    }

    [Fact]
    public async Task Update_and_delete_with_a_stale_etag_answer_412_and_change_nothing()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, $$"""{"type":"slack","name":"Slack","slackWebhookUrl":"{{SlackUrl}}"}""");
        var id = created.Json.GetProperty("id").GetString()!;
        var first = await ApiHarness.SendAsync(_api.Request("""{"type":"slack","name":"First"}""", created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        Assert.Equal(200, first.Status);

        var stale = await ApiHarness.SendAsync(_api.Request("""{"type":"slack","name":"Second"}""", created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var staleDelete = await ApiHarness.SendAsync(_api.Request(ifMatch: created.ETag), r => Api.Delete(r, org, id, CancellationToken.None));

        stale.AssertProblem(412);
        staleDelete.AssertProblem(412);
        Assert.Contains("ETag", stale.Json.GetProperty("detail").GetString());
        var current = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));
        Assert.Equal("First", current.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Update_and_delete_without_if_match_are_refused_naming_the_header()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, """{"type":"email","name":"Mail","emailRecipients":["a@example.com"]}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var update = await ApiHarness.SendAsync(_api.Request("""{"type":"email","name":"X","emailRecipients":["b@example.com"]}"""), r => Api.Update(r, org, id, CancellationToken.None));
        var delete = await ApiHarness.SendAsync(_api.Request(), r => Api.Delete(r, org, id, CancellationToken.None));

        Assert.Equal(["If-Match"], update.ProblemFields());
        Assert.Equal(["If-Match"], delete.ProblemFields());
        var current = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));
        Assert.Equal("Mail", current.Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task If_match_star_overwrites_unconditionally()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, """{"type":"email","name":"Mail","emailRecipients":["a@example.com"]}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var updated = await ApiHarness.SendAsync(_api.Request("""{"type":"email","name":"Star","emailRecipients":["b@example.com"]}""", "*"), r => Api.Update(r, org, id, CancellationToken.None));

        Assert.Equal(200, updated.Status);
        Assert.Equal(["b@example.com"], updated.Json.GetProperty("emailRecipients").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Noise_control_fields_default_to_the_spec_behaviour_are_kept_on_update_and_jira_refuses_a_digest()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, $$"""{"type":"slack","name":"Slack","slackWebhookUrl":"{{SlackUrl}}"}""");
        Assert.False(created.Json.GetProperty("digest").GetBoolean());
        Assert.True(created.Json.GetProperty("notifyResolved").GetBoolean());
        Assert.False(created.Json.GetProperty("paced").GetBoolean());
        var id = created.Json.GetProperty("id").GetString()!;

        var set = await ApiHarness.SendAsync(_api.Request("""{"type":"slack","name":"Slack","digest":true,"notifyResolved":false,"paced":true}""", created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var renamed = await ApiHarness.SendAsync(_api.Request("""{"type":"slack","name":"Renamed"}""", set.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var jira = await ApiHarness.SendAsync(
            _api.Request("""{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"a@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","digest":true}"""),
            r => Api.Create(r, org, CancellationToken.None));

        Assert.Equal(200, renamed.Status);
        Assert.True(renamed.Json.GetProperty("digest").GetBoolean());
        Assert.False(renamed.Json.GetProperty("notifyResolved").GetBoolean());
        Assert.True(renamed.Json.GetProperty("paced").GetBoolean());
        Assert.Equal(["digest"], jira.ProblemFields());
    }

    [Fact]
    public async Task Jira_resolve_fields_are_shown_default_to_the_first_done_transition_and_7_days_and_the_window_is_kept_on_update()
    {
        var org = ApiHarness.NewOrganization();
        static string Jira(string fields) =>
            $$"""{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"a@company.com","jiraProjectKey":"SEC"{{fields}}}""";
        var created = await CreateAsync(org, Jira($",\"jiraApiToken\":\"{JiraToken}\""));
        var id = created.Json.GetProperty("id").GetString()!;

        var set = await ApiHarness.SendAsync(_api.Request(Jira(""","jiraResolveTransition":" Won't do ","jiraReopenDays":0"""), created.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var renamed = await ApiHarness.SendAsync(_api.Request(Jira(""), set.ETag), r => Api.Update(r, org, id, CancellationToken.None));
        var got = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));

        Assert.Equal(7, created.Json.GetProperty("jiraReopenDays").GetInt32());
        Assert.False(created.Json.TryGetProperty("jiraResolveTransition", out _));
        Assert.Equal("Won't do", set.Json.GetProperty("jiraResolveTransition").GetString());
        Assert.Equal(0, set.Json.GetProperty("jiraReopenDays").GetInt32());
        Assert.Equal(200, renamed.Status);
        Assert.Equal(0, got.Json.GetProperty("jiraReopenDays").GetInt32());
        Assert.False(got.Json.TryGetProperty("jiraResolveTransition", out _));
    }

    [Fact]
    public async Task Unknown_integration_answers_404_for_get_update_and_delete()
    {
        var org = ApiHarness.NewOrganization();

        var get = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, "missing", CancellationToken.None));
        var update = await ApiHarness.SendAsync(_api.Request("""{"type":"email","name":"X","emailRecipients":["b@example.com"]}""", "*"), r => Api.Update(r, org, "missing", CancellationToken.None));
        var delete = await ApiHarness.SendAsync(_api.Request(ifMatch: "*"), r => Api.Delete(r, org, "missing", CancellationToken.None));

        get.AssertProblem(404);
        update.AssertProblem(404);
        delete.AssertProblem(404);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        // Body-level problems.
        { "", "body" },
        { "null", "body" },
        { "[1,2]", "body" },
        { """{"type":"slack",""", "body" },
        { """{"type":"slack","name":"S","slackWebhookUrl":"https://hooks.slack.com/x","active":"yes"}""", "active" },
        { """{"type":"email","name":"M","emailRecipients":[1]}""", "emailRecipients[0]" },
        { """{"type":"email","name":"M","emailRecipients":"a@example.com"}""", "emailRecipients" },
        { """{"type":"teams","name":"T","teamsWebhookUrl":"https://x.example.com/wf","teamsFormat":"fancy"}""", "teamsFormat" },
        { """{"type":["slack"],"name":"S"}""", "type" },
        // Common fields.
        { """{"name":"No type"}""", "type" },
        { """{"type":"pagerduty","name":"P"}""", "type" },
        { """{"type":"email","emailRecipients":["a@example.com"]}""", "name" },
        { """{"type":"email","name":"  ","emailRecipients":["a@example.com"]}""", "name" },
        { """{"type":"email","name":"M","category":"audit","emailRecipients":["a@example.com"]}""", "category" },
        // Jira.
        { """{"type":"jira","name":"J","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC"}""", "jiraBaseUrl" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"http://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC"}""", "jiraBaseUrl" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"not-an-email","jiraApiToken":"t","jiraProjectKey":"SEC"}""", "jiraEmail" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraProjectKey":"SEC"}""", "jiraApiToken" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"sec"}""", "jiraProjectKey" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t"}""", "jiraProjectKey" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraReopenDays":91}""", "jiraReopenDays" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraReopenDays":-1}""", "jiraReopenDays" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraReopenDays":1.5}""", "jiraReopenDays" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraReopenDays":"a week"}""", "jiraReopenDays" },
        { $$"""{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraResolveTransition":"{{new string('x', 256)}}"}""", "jiraResolveTransition" },
        { """{"type":"jira","name":"J","jiraBaseUrl":"https://company.atlassian.net","jiraEmail":"o@company.com","jiraApiToken":"t","jiraProjectKey":"SEC","jiraResolveTransition":["Done"]}""", "jiraResolveTransition" },
        // Slack.
        { """{"type":"slack","name":"S"}""", "slackWebhookUrl" },
        { """{"type":"slack","name":"S","slackWebhookUrl":"hooks.slack.com/services/x"}""", "slackWebhookUrl" },
        { """{"type":"slack","name":"S","slackWebhookUrl":"https://hooks.slack.com/services/x","slackChannel":"#two words"}""", "slackChannel" },
        // Teams.
        { """{"type":"teams","name":"T"}""", "teamsWebhookUrl" },
        { """{"type":"teams","name":"T","teamsWebhookUrl":"http://prod.logic.azure.com/wf"}""", "teamsWebhookUrl" },
        // Webhook.
        { """{"type":"webhook","name":"W","webhookUrl":"ftp://api.example.com/in"}""", "webhookUrl" },
        { """{"type":"webhook","name":"W","webhookUrl":"https://api.example.com/in","webhookSigningSecret":"short"}""", "webhookSigningSecret" },
        // Email.
        { """{"type":"email","name":"M"}""", "emailRecipients" },
        { """{"type":"email","name":"M","emailRecipients":[]}""", "emailRecipients" },
        { """{"type":"email","name":"M","emailRecipients":["a@example.com","nope@"]}""", "emailRecipients[1]" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_create_answers_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();

        var response = await CreateAsync(org, json);

        Assert.Contains(field, response.ProblemFields());
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, org, CancellationToken.None));
        Assert.Equal("""{"items":[],"continuationToken":null}""", listed.Body);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_update_answers_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, """{"type":"email","name":"Mail","emailRecipients":["a@example.com"]}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var response = await ApiHarness.SendAsync(_api.Request(json, created.ETag), r => Api.Update(r, org, id, CancellationToken.None));

        Assert.Contains(field, response.ProblemFields());
        var current = await ApiHarness.SendAsync(_api.Request(), r => Api.Get(r, org, id, CancellationToken.None));
        Assert.Equal(created.ETag, current.ETag);
    }

    [Fact]
    public async Task Oversize_body_answers_413_naming_the_limit_and_stores_nothing()
    {
        // Called without the access middleware, a function reads at most the largest limit of all.
        var padding = new string('x', RequestBodyLimits.Import);
        var org = ApiHarness.NewOrganization();
        var response = await CreateAsync(org, $$"""{"type":"email","name":"{{padding}}"}""");

        response.AssertProblem(413);
        Assert.Equal(RequestBodyLimits.Import, response.Json.GetProperty("maxBodyBytes").GetInt32());
        Assert.Contains($"{RequestBodyLimits.Import} bytes", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, org, CancellationToken.None));
        Assert.Empty(listed.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Refused_secrets_are_not_echoed_in_the_problem()
    {
        var response = await CreateAsync(ApiHarness.NewOrganization(),
            """{"type":"slack","name":"S","slackWebhookUrl":"http://hooks.slack.com/services/t0-SLACKSEC/b0-SLACKSEC/slackpathsecret"}""");

        Assert.Equal(["slackWebhookUrl"], response.ProblemFields());
        AssertNoSecrets(response);
    }

    [Fact]
    public async Task Organization_id_that_storage_cannot_key_answers_400()
    {
        var response = await ApiHarness.SendAsync(_api.Request(), r => Api.List(r, "bad#org", CancellationToken.None));

        Assert.Equal(["organizationId"], response.ProblemFields());
    }

    [Fact]
    public async Task A_non_ascii_organization_id_gets_a_percent_escaped_location_and_one_row()
    {
        var org = "org-žluťoučký-" + Guid.NewGuid().ToString("N")[..6];

        var response = await ApiHarness.SendAsync(
            _api.Request("""{"type":"email","name":"Mail","emailRecipients":["ops@example.com"]}"""), r => Api.Create(r, org, CancellationToken.None));

        Assert.Equal(201, response.Status);
        var id = response.Json.GetProperty("id").GetString()!;
        Assert.Equal($"/api/organizations/{Uri.EscapeDataString(org)}/integrations/{id}", response.Location);
        Assert.All(response.Location!, c => Assert.InRange(c, ' ', '~'));
        Assert.Single((await _api.Services.GetRequiredService<IntegrationService>().ListAsync(org, PageRequest.First, CancellationToken.None)).Items);
    }
}

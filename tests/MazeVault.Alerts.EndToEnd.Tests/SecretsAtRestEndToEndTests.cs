using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.TestSupport;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Integrations of every type created, updated, tested and delivered through the compiled app: their secrets reach the
/// vendors, and nowhere in storage (tables, queues, blobs) is any of them to be found, plain, in Base64 or in hex.
/// </summary>
public sealed class SecretsAtRestEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    private static string Distinct(string label) => $"{label}{Guid.NewGuid():N}";

    private async Task<(string Id, string ETag, string Body)> CreateAsync(string organizationId, object body)
    {
        using var response = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations", body);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, response);
        var text = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, response.Headers.ETag!.ToString(), text);
    }

    [Fact]
    public async Task No_secret_of_any_channel_is_in_storage_after_create_update_test_and_delivery()
    {
        var org = AlertsAppFixture.NewOrganizationId();
        var slackPath = $"/services/T9/B9/{Distinct("slackpath")}";
        var teamsPath = $"/workflows/{Distinct("teamspath")}/invoke";
        var teamsSignature = Distinct("teamssig");
        var hookPath = $"/hooks/{Distinct("hookpath")}";
        var hookToken = Distinct("hooktoken");
        var jiraPrefix = $"/{Distinct("jirasite")}";
        var jiraToken = Distinct("jiratoken");
        var signingSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newSigningSecret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var slackUrl = fixture.Vendor.Url(slackPath).AbsoluteUri;
        var teamsUrl = fixture.Vendor.Url($"{teamsPath}?api-version=1&sig={teamsSignature}").AbsoluteUri;
        var hookUrl = fixture.Vendor.Url($"{hookPath}?token={hookToken}").AbsoluteUri;
        var jiraBase = fixture.Vendor.Url(jiraPrefix).AbsoluteUri;
        string[] secrets =
        [
            slackUrl, slackPath, teamsUrl, teamsPath, teamsSignature, hookUrl, hookToken, jiraToken, signingSecret, newSigningSecret,
            signingSecret["whsec_".Length..], newSigningSecret["whsec_".Length..], Convert.ToBase64String(Encoding.UTF8.GetBytes($"bot@company.com:{jiraToken}")),
        ];

        fixture.Vendor.On("POST", slackPath, FakeResponse.Text(200, "ok"));
        fixture.Vendor.On("POST", teamsPath, new FakeResponse(202));
        fixture.Vendor.On("POST", hookPath, new FakeResponse(200));
        fixture.Vendor.On("POST", $"{jiraPrefix}/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray() }));
        fixture.Vendor.On("POST", $"{jiraPrefix}/rest/api/3/issue", FakeResponse.Json(201, new JsonObject { ["id"] = "10001", ["key"] = "SEC-1", ["self"] = "x" }));

        var slack = await CreateAsync(org, new { type = "slack", name = "Slack", slackWebhookUrl = slackUrl, slackChannel = "#security" });
        var teams = await CreateAsync(org, new { type = "teams", name = "Teams", teamsWebhookUrl = teamsUrl });
        var hook = await CreateAsync(org, new { type = "webhook", name = "Hook", webhookUrl = hookUrl, webhookSigningSecret = signingSecret });
        var jira = await CreateAsync(org, new { type = "jira", name = "Jira", jiraBaseUrl = jiraBase, jiraEmail = "bot@company.com", jiraApiToken = jiraToken, jiraProjectKey = "SEC" });
        var email = await CreateAsync(org, new { type = "email", name = "Mail", emailRecipients = new[] { "ops@company.com" } });
        var responses = new List<string> { slack.Body, teams.Body, hook.Body, jira.Body, email.Body };

        // Updates: one keeps its secrets by omitting them, one replaces its signing secret.
        foreach (var (id, etag, body) in new[] { (slack.Id, slack.ETag, (object)new { type = "slack", name = "Slack renamed" }), (hook.Id, hook.ETag, new { type = "webhook", name = "Hook", webhookSigningSecret = newSigningSecret }) })
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/organizations/{org}/integrations/{id}") { Content = JsonContent.Create(body) };
            put.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            using var updated = await fixture.Client.SendAsync(put);
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, updated);
            responses.Add(await updated.Content.ReadAsStringAsync());
        }

        foreach (var id in new[] { slack.Id, teams.Id, hook.Id, jira.Id })
        {
            using var tested = await fixture.Client.PostAsync($"api/organizations/{org}/integrations/{id}/test", null);
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, tested);
            var result = await tested.Content.ReadAsStringAsync();
            Assert.True(JsonDocument.Parse(result).RootElement.GetProperty("success").GetBoolean(), result);
            responses.Add(result);
        }

        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{org}/incidents", new
        {
            type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db-password", detectedAt = DateTimeOffset.UtcNow, changeDetails = "read",
        });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));

        // The secrets did their work: each vendor got the test and the delivery, signed with the new secret.
        Assert.Equal(2, fixture.Vendor.RequestsTo("POST", slackPath).Count);
        Assert.Equal(2, fixture.Vendor.RequestsTo("POST", teamsPath).Count);
        var hookRequests = fixture.Vendor.RequestsTo("POST", hookPath);
        Assert.Equal(2, hookRequests.Count);
        Assert.All(hookRequests, r => Assert.Contains($"token={hookToken}", r.Query));
        Assert.All(fixture.Vendor.RequestsTo("POST", $"{jiraPrefix}/rest/api/3/issue"), r => Assert.Equal($"Basic {secrets[^1]}", r.Header("Authorization")));

        // The scan does read the rows: a setting that is not secret is found.
        Assert.NotEmpty(await StorageScan.FindAsync(fixture.Azurite.ConnectionString, ["bot@company.com", "#security"]));
        var found = await StorageScan.FindAsync(fixture.Azurite.ConnectionString, secrets);
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.All(responses, body => Assert.All(secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal)));
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => secrets.Any(s => l.ToString().Contains(s, StringComparison.Ordinal)));
    }
}

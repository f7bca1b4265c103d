using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The Test action and the email status over real HTTP through the compiled app.</summary>
public sealed class ChannelsApiTests(ChannelsAppFixture fixture) : IClassFixture<ChannelsAppFixture>
{
    [Fact]
    public async Task Testing_an_email_integration_sends_one_test_email_per_recipient()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        using var created = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations",
            new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com", "security@company.com" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var response = await fixture.Client.PostAsync($"api/organizations/{organizationId}/integrations/{id}/test", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("success").GetBoolean(), body.ToString());
        Assert.Equal(2, body.GetProperty("recipients").GetArrayLength());
        var received = fixture.Smtp.Received.Where(m => m.Message.Subject == "Test Notification from MazeVault").ToList();
        Assert.Contains(received, m => m.Recipients.SequenceEqual(["ops@company.com"]));
        Assert.Contains(received, m => m.Recipients.SequenceEqual(["security@company.com"]));
    }

    [Fact]
    public async Task A_test_email_past_the_organizations_daily_quota_is_refused_with_the_quota_named_and_not_sent()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        string[] recipients = ["quota-a@company.com", "quota-b@company.com", "quota-c@company.com"];
        using var created = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations", new { type = "email", name = "Quota mail", emailRecipients = recipients });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var response = await fixture.Client.PostAsync($"api/organizations/{organizationId}/integrations/{id}/test", null);

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        const string quotaReached = "email quota: the organization reached its emails per day (QUOTA_EMAILS_PER_DAY); nothing was sent";
        Assert.Equal(quotaReached, body.GetProperty("error").GetString());
        Assert.Equal([true, true, false], body.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("success").GetBoolean()));
        Assert.Equal(quotaReached, body.GetProperty("recipients")[2].GetProperty("error").GetString());
        Assert.Equal(["quota-a@company.com", "quota-b@company.com"], fixture.Smtp.Received.SelectMany(m => m.Recipients).Where(r => r.StartsWith("quota-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task An_incident_past_the_organizations_daily_email_quota_mails_up_to_it_and_records_the_rest_suppressed()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        foreach (var (name, priority) in new[] { ("first", 1), ("second", 2), ("third", 3) })
        {
            using var contact = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incident-contacts",
                new { name, email = $"{name}-{organizationId}@company.com", priority });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, contact);
        }

        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
            new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db", detectedAt = DateTimeOffset.UtcNow });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));

        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        var deliveries = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["delivered", "delivered", "suppressed"], deliveries.Select(d => d.GetProperty("status").GetString()).Order(StringComparer.Ordinal));
        var suppressed = deliveries.Single(d => d.GetProperty("status").GetString() == "suppressed");
        Assert.StartsWith("email quota: ", suppressed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, fixture.Smtp.Received.SelectMany(m => m.Recipients).Count(r => r.EndsWith($"-{organizationId}@company.com", StringComparison.Ordinal)));
        using var audit = await fixture.Client.GetAsync($"api/organizations/{organizationId}/audit-events?type=QUOTA_EXCEEDED");
        var reached = Assert.Single(JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("emails-per-day", reached.GetProperty("subjectId").GetString());
    }

    [Fact]
    public async Task The_compiled_app_offers_the_built_in_channels_and_not_the_test_only_pager()
    {
        // The pager is compiled only into tests/MazeVault.Alerts.PluginApp; the app that ships never registers it.
        using var response = await fixture.Client.GetAsync("api/channels");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var types = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(channel => channel.GetProperty("type").GetString());
        Assert.Equal(["jira", "teams", "slack", "webhook", "email"], types);
    }

    [Fact]
    public async Task Testing_an_unknown_integration_answers_404_problem()
    {
        using var response = await fixture.Client.PostAsync($"api/organizations/{AlertsAppFixture.NewOrganizationId()}/integrations/missing/test", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Email_status_reports_the_active_smtp_transport()
    {
        using var response = await fixture.Client.GetAsync("api/email/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("SMTP", body.GetProperty("transport").GetString());
        Assert.True(body.GetProperty("configured").GetBoolean(), body.ToString());
        Assert.Equal("none", body.GetProperty("settings").GetProperty("security").GetString());
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>The Test action over integrations stored in Azurite, against local vendor and SMTP servers.</summary>
public sealed class IntegrationTesterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FakeVendorServer _vendor = null!;
    private SmtpTestServer _smtp = null!;
    private ChannelTestHost _host = null!;
    private readonly string _org = "org-" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        _vendor = await FakeVendorServer.StartAsync();
        _smtp = await SmtpTestServer.StartAsync();
        _host = ChannelTestHost.Create(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(),
            ["SMTP_FROM"] = "noreply@company.com",
            ["SMTP_SECURITY"] = "none",
        });
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _smtp.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    private IntegrationTester Tester => _host.Services.GetRequiredService<IntegrationTester>();

    private async Task<Integration> StoreAsync(Integration integration) =>
        await _host.Services.GetRequiredService<IIntegrationStore>().CreateAsync(integration with { OrganizationId = _org }, CancellationToken.None);

    [Fact]
    public async Task Jira_test_creates_a_real_task_titled_test_notification_from_mazevault()
    {
        _vendor.On("POST", "/rest/api/3/issue", FakeResponse.Json(201, JiraChannelTests.Created("SEC-42")));
        var jira = await StoreAsync(JiraChannelTests.Jira(_vendor.BaseUrl));

        var result = await Tester.TestAsync(_org, jira.Id, CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Success);
        Assert.Equal("created SEC-42", result.Detail);
        var fields = Assert.Single(_vendor.RequestsTo("POST", "/rest/api/3/issue")).Json["fields"]!;
        Assert.Equal("Test Notification from MazeVault", fields["summary"]!.GetValue<string>());
        Assert.Equal("Task", fields["issuetype"]!["name"]!.GetValue<string>());
        Assert.Empty(_vendor.RequestsTo("POST", "/rest/api/3/search/jql"));
    }

    [Fact]
    public async Task A_failing_slack_webhook_returns_the_specific_error()
    {
        _vendor.On("POST", "/services/T1/B1/x", FakeResponse.Text(404, "no_service"));
        var slack = await StoreAsync(TestIntegrations.Of("slack-t", TestIntegrations.Slack, TestIntegrations.SlackSettings(_vendor.Url("/services/T1/B1/x").ToString()), _org) with { Name = "Slack" });

        var result = await Tester.TestAsync(_org, slack.Id, CancellationToken.None);

        Assert.NotNull(result);
        Assert.False(result.Success);
        // The status, never the destination's body (here Slack's error code).
        Assert.Equal("slack webhook error: rejected by the destination with status 404", result.Error);
    }

    [Fact]
    public async Task Webhook_test_sends_a_test_json_payload()
    {
        _vendor.On("POST", "/hook", new FakeResponse(200));
        var hook = await StoreAsync(TestIntegrations.Of("hook-t", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_vendor.Url("/hook").ToString()), _org) with { Name = "Hook" });

        var result = await Tester.TestAsync(_org, hook.Id, CancellationToken.None);

        Assert.True(result!.Success);
        var body = Assert.Single(_vendor.Requests).Json;
        Assert.Equal("Test Notification from MazeVault", body["subject"]!.GetValue<string>());
        Assert.Contains("\"Hook\"", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Email_test_sends_one_email_per_recipient_and_reports_each()
    {
        var email = await StoreAsync(TestIntegrations.Of("mail-t", TestIntegrations.Email, TestIntegrations.EmailSettings("ops@company.com", "security@company.com", "not an address"), _org) with { Name = "Ops mail" });

        var result = await Tester.TestAsync(_org, email.Id, CancellationToken.None);

        Assert.NotNull(result);
        Assert.False(result.Success);
        Assert.Equal(3, result.Recipients.Count);
        Assert.True(result.Recipients[0].Success);
        Assert.True(result.Recipients[1].Success);
        Assert.False(result.Recipients[2].Success);
        Assert.Contains("not a valid email address", result.Recipients[2].Error);
        Assert.Equal(result.Recipients[2].Error, result.Error);
        Assert.Equal([["ops@company.com"], ["security@company.com"]], _smtp.Received.Select(m => m.Recipients));
        Assert.All(_smtp.Received, m => Assert.Equal("Test Notification from MazeVault", m.Message.Subject));
    }

    [Fact]
    public async Task An_unknown_integration_gives_no_result()
    {
        Assert.Null(await Tester.TestAsync(_org, "missing", CancellationToken.None));
        Assert.Null(await Tester.TestAsync(_org, "bad/key", CancellationToken.None));
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task A_failure_never_repeats_what_the_destination_answered()
    {
        _vendor.On("POST", "/rest/api/3/issue", FakeResponse.Json(400, new JsonObject { ["errorMessages"] = new JsonArray("internal-build-7731 at db01.corp") }));
        var jira = await StoreAsync(JiraChannelTests.Jira(_vendor.BaseUrl));

        var result = (await Tester.TestAsync(_org, jira.Id, CancellationToken.None))!;

        Assert.Equal("jira api error: rejected by the destination with status 400", result.Error);
        Assert.DoesNotContain("internal-build", JsonSerializer.Serialize(result));
    }

    [Fact]
    public async Task A_closed_port_and_a_port_that_does_not_speak_tls_read_the_same_unreachable()
    {
        var closedPort = FreePort.Next();
        var closed = await StoreAsync(TestIntegrations.Of("closed", TestIntegrations.Webhook, TestIntegrations.WebhookSettings($"https://127.0.0.1:{closedPort}/hook")));
        var plain = await StoreAsync(TestIntegrations.Of("plain", TestIntegrations.Webhook, TestIntegrations.WebhookSettings($"https://127.0.0.1:{_vendor.BaseUrl.Port}/hook")));

        var results = new[] { await Tester.TestAsync(_org, closed.Id, CancellationToken.None), await Tester.TestAsync(_org, plain.Id, CancellationToken.None) };

        Assert.All(results, r => Assert.Equal("webhook failed: unreachable", r!.Error));
    }

    [Fact]
    public async Task A_slow_destination_is_answered_as_timed_out_within_the_test_timeout()
    {
        using var host = ChannelTestHost.Create(azurite.ConnectionString, new Dictionary<string, string?> { ["INTEGRATION_TEST_TIMEOUT_SECONDS"] = "1" },
            configure: services => services.AddSingleton(TimeProvider.System));
        _vendor.On("POST", "/slow", new FakeResponse(200) { Delay = TimeSpan.FromSeconds(20) });
        var slow = await host.Services.GetRequiredService<IIntegrationStore>().CreateAsync(
            TestIntegrations.Of("slow", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_vendor.Url("/slow").ToString()), _org), CancellationToken.None);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var result = await host.Services.GetRequiredService<IntegrationTester>().TestAsync(_org, slow.Id, CancellationToken.None);

        Assert.Equal("timed out after 1 s", result!.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task An_internal_destination_is_not_allowed_and_receives_nothing()
    {
        using var host = ChannelTestHost.Create(azurite.ConnectionString, new Dictionary<string, string?> { ["EGRESS_ALLOWED_NETWORKS"] = "" });
        var hook = await host.Services.GetRequiredService<IIntegrationStore>().CreateAsync(
            TestIntegrations.Of("inside", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_vendor.Url("/hook").ToString()), _org), CancellationToken.None);

        var result = await host.Services.GetRequiredService<IntegrationTester>().TestAsync(_org, hook.Id, CancellationToken.None);

        Assert.Equal("webhook failed: not allowed", result!.Error);
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task One_integration_is_tested_at_most_the_limit_per_window()
    {
        _vendor.On("POST", "/hook", new FakeResponse(200));
        var hook = await StoreAsync(TestIntegrations.Of("limited", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_vendor.Url("/hook").ToString())));
        var other = await StoreAsync(TestIntegrations.Of("other", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_vendor.Url("/hook").ToString())));
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Tester.TestAsync(_org, hook.Id, CancellationToken.None))!.Success);
            _host.Time.Advance(TimeSpan.FromSeconds(5));
        }

        var throttled = await Assert.ThrowsAsync<IntegrationTestThrottledException>(() => Tester.TestAsync(_org, hook.Id, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(35), throttled.RetryAfter);
        Assert.True((await Tester.TestAsync(_org, other.Id, CancellationToken.None))!.Success);
        Assert.Equal(6, _vendor.RequestsTo("POST", "/hook").Count);

        _host.Time.Advance(TimeSpan.FromSeconds(35));
        Assert.True((await Tester.TestAsync(_org, hook.Id, CancellationToken.None))!.Success);
    }
}

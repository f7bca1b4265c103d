using System.Diagnostics;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.TestSupport.Vendors;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// End to end through the product's channels: Azurite for stores, ledger and queue; a local HTTP server standing in for
/// JIRA, Teams, Slack and the webhook; a real SMTP server for every email.
/// </summary>
public sealed class VendorDeliveryTests(AzuriteFixture azurite, FakeVendorServerFixture vendors)
    : IClassFixture<AzuriteFixture>, IClassFixture<FakeVendorServerFixture>, IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private FakeVendorServer Vendor => vendors.Server;

    public async Task InitializeAsync()
    {
        vendors.Server.Reset();
        _smtp = await SmtpTestServer.StartAsync();
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private EngineHarness Engine(bool legacy = true, TimeSpan? firstBackoff = null) => Create(
        azurite,
        adminEmail: legacy ? "admin@example.com" : null,
        teamsWebhook: legacy ? Vendor.Url("/legacy-teams").ToString() : null,
        firstBackoff: firstBackoff,
        realChannelSettings: new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_FROM"] = "alerts@example.com",
            ["SMTP_SECURITY"] = "none",
        });

    private Integration[] Integrations() =>
    [
        Integration("email1", TestIntegrations.Email),
        Integration("hook1", TestIntegrations.Webhook) with { Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hook").ToString()) },
        Integration("slack1", TestIntegrations.Slack) with { Settings = TestIntegrations.SlackSettings(Vendor.Url("/slack").ToString()) },
        Integration("teams1", TestIntegrations.Teams) with { Settings = TestIntegrations.TeamsSettings(Vendor.Url("/teams").ToString()) },
        Integration("abc123", TestIntegrations.Jira) with { Settings = TestIntegrations.JiraSettings(Vendor.BaseUrl.ToString().TrimEnd('/')) },
    ];

    private void VendorsAccept()
    {
        Vendor.On("POST", "/legacy-teams", new FakeResponse(202));
        Vendor.On("POST", "/teams", new FakeResponse(202));
        Vendor.On("POST", "/slack", FakeResponse.Text(200, "ok"));
        Vendor.On("POST", "/hook", new FakeResponse(200));
        Vendor.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray() }));
        Vendor.On("POST", "/rest/api/3/issue", FakeResponse.Json(201, new JsonObject { ["id"] = "10001", ["key"] = "SEC-1", ["self"] = "x" }));
    }

    /// <summary>An expired API token: JIRA answers 401 to the search and the create.</summary>
    private void JiraRefusesTheToken()
    {
        Vendor.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(401, new JsonObject { ["errorMessages"] = new JsonArray("Unauthorized") }));
        Vendor.On("POST", "/rest/api/3/issue", FakeResponse.Json(401, new JsonObject { ["errorMessages"] = new JsonArray("Unauthorized") }));
    }

    [Fact]
    public async Task Incident_reaches_legacy_recipients_contacts_and_every_integration_through_the_real_channels_in_order()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync(Integrations(), [Contact("bob", 2), Contact("ann", 1)]);
        VendorsAccept();

        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(9, accepted.DeliveriesQueued);
        Assert.All(await engine.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(
            ["admin@example.com", "ann@example.com", "bob@example.com", "ops@example.com"],
            _smtp.Received.Select(m => Assert.Single(m.Recipients)));
        // JIRA searches for an open issue of the fingerprint, then for a recently done one it could reopen, then creates.
        Assert.Equal(
            ["/legacy-teams", "/rest/api/3/search/jql", "/rest/api/3/search/jql", "/rest/api/3/issue", "/teams", "/slack", "/hook"],
            Vendor.Requests.Select(r => r.Path));
        Assert.Equal("SEC", Vendor.RequestsTo("POST", "/rest/api/3/issue")[0].Json["fields"]!["project"]!["key"]!.GetValue<string>());
        Assert.Contains("prod-db-password", Vendor.RequestsTo("POST", "/hook")[0].Json["message"]!.GetValue<string>());
        Assert.Contains("SEC-1", (await engine.DeliveriesAsync()).Single(d => d.Target == "integration:abc123").Detail);
    }

    [Fact]
    public async Task A_vendor_answering_500_leaves_every_other_target_delivered_and_itself_retrying()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync(Integrations(), [Contact("ann", 1)]);
        VendorsAccept();
        Vendor.On("POST", "/slack", FakeResponse.Text(500, "internal_error"));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = await engine.DeliveriesAsync();
        var slack = deliveries.Single(d => d.Target == "integration:slack1");
        Assert.Equal(DeliveryStatus.Retrying, slack.Status);
        Assert.Equal("slack webhook error: internal_error", slack.LastError);
        Assert.All(deliveries.Where(d => d != slack), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(3, _smtp.Received.Count);
        Assert.Single(Vendor.RequestsTo("POST", "/hook"));
    }

    [Fact]
    public async Task Slack_429_with_Retry_After_is_retried_no_sooner_and_then_delivered()
    {
        await using var engine = Engine(legacy: false, firstBackoff: TimeSpan.FromMilliseconds(500));
        await engine.ConfigureAsync([Integrations()[2]]);
        Vendor.OnSequence("POST", "/slack",
            new FakeResponse(429, "rate_limited", "text/plain") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3" } },
            FakeResponse.Text(200, "ok"));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(engine.Clock.GetUtcNow() + TimeSpan.FromSeconds(3), Assert.Single(await engine.DeliveriesAsync()).NextAttemptAt);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await engine.DrainAsync());
        while (await engine.DrainAsync() == 0)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), "the retry never became visible");
            await Task.Delay(200);
        }

        var requests = Vendor.RequestsTo("POST", "/slack");
        Assert.Equal(2, requests.Count);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(2.8), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await engine.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task Jira_401_is_permanent_not_retried_and_logged_with_the_spec_prefix()
    {
        await using var engine = Engine(legacy: false, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integrations()[4]]);
        JiraRefusesTheToken();

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var jira = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, jira.Status);
        Assert.Equal(1, jira.Attempt);
        Assert.Single(Vendor.Requests);
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
        // The spec's example line, word for word.
        var line = Assert.Single(engine.Logs.GetSnapshot(), r => r.Message == "[IncidentService] Failed to send JIRA notification (integration=abc123): jira api error: 401");
        Assert.DoesNotContain("jira-token-secret", line.Message);
    }

    /// <summary>Spec 3.2: "Incident notification includes: incident type and severity, affected resource name, detection timestamp, change details".</summary>
    [Theory]
    [InlineData("abc123", "/rest/api/3/issue")]
    [InlineData("teams1", "/teams")]
    [InlineData("slack1", "/slack")]
    [InlineData("hook1", "/hook")]
    [InlineData("email1", null)]
    public async Task An_incident_notification_carries_type_severity_resource_detection_time_and_change_details(string integrationId, string? vendorPath)
    {
        await using var engine = Engine(legacy: false);
        await engine.ConfigureAsync([Integrations().Single(i => i.Id == integrationId)]);
        VendorsAccept();

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await engine.DeliveriesAsync()).Status);
        // None of the values needs escaping in JSON, so the raw body shows each as sent.
        var sent = vendorPath is null ? Assert.Single(_smtp.Received).Message.TextBody : Assert.Single(Vendor.RequestsTo("POST", vendorPath)).Body;
        Assert.Contains("unauthorized_access", sent);
        Assert.Contains("critical", sent);
        Assert.Contains("prod-db-password", sent);
        Assert.Contains("2026-03-16 05:30:00 UTC", sent);
        Assert.Contains("Secret read from an unknown IP", sent);
    }

    [Fact]
    public async Task Jira_401_from_a_daily_check_is_logged_as_the_spec_writes_it_with_the_NotificationScheduler_prefix()
    {
        await using var engine = Engine(legacy: false, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integrations()[4]]);
        JiraRefusesTheToken();
        await engine.Inventory.UpsertCertificateAsync(
            new Certificate { Id = "example", OrganizationId = engine.Org, Subject = "CN=example.com", NotAfter = engine.Clock.GetUtcNow().AddDays(20) }, CancellationToken.None);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await engine.DeliveriesAsync()).Status);
        Assert.Single(engine.Logs.GetSnapshot(), r => r.Message == "[NotificationScheduler] Failed to send JIRA notification (integration=abc123): jira api error: 401");
    }

    [Fact]
    public async Task The_same_queue_message_handled_twice_posts_to_the_vendor_once()
    {
        await using var engine = Engine(legacy: false);
        await engine.ConfigureAsync([Integrations()[2]]);
        VendorsAccept();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var envelope = DeliveryEnvelope.Parse(Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value).MessageText);

        await engine.Processor.ProcessAsync(envelope, CancellationToken.None);
        await engine.Processor.ProcessAsync(envelope, CancellationToken.None);

        Assert.Single(Vendor.RequestsTo("POST", "/slack"));
    }

    [Fact]
    public async Task The_daily_check_run_twice_on_one_day_posts_and_emails_once()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync([Integrations()[2]], [Contact("ann", 1)]);
        VendorsAccept();
        var now = engine.Clock.GetUtcNow();
        await engine.Inventory.UpsertCertificateAsync(
            new Certificate { Id = "example", OrganizationId = engine.Org, Subject = "CN=example.com", NotAfter = now.AddDays(30) }, CancellationToken.None);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Single(Vendor.RequestsTo("POST", "/slack"));
        Assert.Single(Vendor.RequestsTo("POST", "/legacy-teams"));
        Assert.Equal(["admin@example.com", "ann@example.com"], _smtp.Received.Select(m => Assert.Single(m.Recipients)));
        Assert.Contains("CN=example.com", _smtp.Received[0].Message.Subject);
    }

    [Fact]
    public async Task Every_attempt_is_kept_in_the_history_with_its_outcome_reason_vendor_status_and_duration()
    {
        await using var engine = Engine(legacy: false, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integrations()[2]]);
        Vendor.OnSequence("POST", "/slack", FakeResponse.Text(503, "busy"), FakeResponse.Text(404, "no_service"));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var slack = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, slack.Status);
        Assert.Equal([1, 2], slack.Attempts.Select(a => a.Number));
        Assert.Equal(["retryable", "permanent"], slack.Attempts.Select(a => a.Outcome));
        Assert.Equal([503, 404], slack.Attempts.Select(a => a.VendorStatus));
        Assert.Equal(slack.LastError, slack.Attempts[1].Reason);
        Assert.All(slack.Attempts, a => Assert.InRange(a.DurationMs, 0, 60_000));
        Assert.True(slack.Attempts[0].StartedAt <= slack.Attempts[1].StartedAt);
    }

    [Fact]
    public void The_history_keeps_the_latest_attempts_with_bounded_reasons()
    {
        var record = new DeliveryRecord
        {
            OrganizationId = "org", DeliveryId = "d", AlertId = "a", Target = "t", Channel = "Slack", TargetName = "S", Status = DeliveryStatus.Retrying,
        };

        for (var n = 1; n <= DeliveryAttempt.Kept + 5; n++)
        {
            record = record.WithAttempt(new DeliveryAttempt(n, DateTimeOffset.UnixEpoch, "retryable", new string('x', 2000), 503, 10));
        }

        Assert.Equal(Enumerable.Range(6, DeliveryAttempt.Kept), record.Attempts.Select(a => a.Number));
        Assert.All(record.Attempts, a => Assert.Equal(DeliveryAttempt.MaxReasonLength, a.Reason!.Length));
    }
}

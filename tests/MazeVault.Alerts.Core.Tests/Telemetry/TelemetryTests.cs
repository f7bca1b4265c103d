using System.Diagnostics;
using System.Globalization;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Telemetry;

/// <summary>
/// The product's telemetry as registered for the app, exported to memory: span and metric shapes through the real
/// channels to a local vendor server, and no secret anywhere in what is exported.
/// </summary>
/// <remarks>
/// The ActivitySource and Meter are process-wide, so spans are picked by this test's trace id and metrics by their tags.
/// </remarks>
public sealed class TelemetryTests(AzuriteFixture azurite, FakeVendorServerFixture vendors)
    : IClassFixture<AzuriteFixture>, IClassFixture<FakeVendorServerFixture>, IAsyncLifetime
{
    private readonly SpanCollector _spans = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private SmtpTestServer _smtp = null!;
    private FakeVendorServer Vendor => vendors.Server;

    public async Task InitializeAsync()
    {
        Vendor.Reset();
        _smtp = await SmtpTestServer.StartAsync();
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private EngineHarness Engine() => Create(
        azurite,
        adminEmail: null,
        teamsWebhook: null,
        firstBackoff: TimeSpan.Zero,
        realChannelSettings: new Dictionary<string, string?>
        {
            ["SMTP_HOST"] = _smtp.Host,
            ["SMTP_PORT"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["SMTP_FROM"] = "alerts@example.com",
            ["SMTP_SECURITY"] = "none",
        },
        telemetry: otel => otel
            .WithTracing(tracing => tracing.AddProcessor(_spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics)));

    [Fact]
    public async Task An_incident_is_one_trace_from_the_http_intake_through_the_queue_to_each_delivery_its_retry_and_vendor_call()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync(
        [
            Integration("slack1", TestIntegrations.Slack) with { Settings = TestIntegrations.SlackSettings(Vendor.Url("/slack").ToString()) },
            Integration("hook1", TestIntegrations.Webhook) with { Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hook").ToString()) },
        ]);
        Vendor.OnSequence("POST", "/slack", FakeResponse.Text(503, "busy"), FakeResponse.Text(200, "ok"));
        Vendor.On("POST", "/hook", new FakeResponse(200));

        // What the worker's HTTP trigger span is to Core: the recorded parent the incident's spans hang under.
        var intake = new Activity("POST incidents") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        intake.Stop();
        Activity.Current = null;
        await engine.DrainAsync();

        var trace = Trace(intake.TraceId);
        var report = Assert.Single(trace, s => s.DisplayName == "incident report");
        Assert.Equal(intake.SpanId, report.ParentSpanId);
        var sends = trace.Where(s => s.DisplayName == "delivery send").ToList();
        var processes = trace.Where(s => s.DisplayName == "delivery process").ToList();
        Assert.Equal(3, sends.Count);
        Assert.All(sends, s => Assert.Equal(ActivityKind.Producer, s.Kind));
        Assert.Equal(3, processes.Count);
        Assert.All(processes, p => Assert.Equal(ActivityKind.Consumer, p.Kind));
        // Each handler's span continues the span that queued its message: two from the report, the retry from the first Slack attempt.
        Assert.All(processes, p => Assert.Contains(sends, s => s.SpanId == p.ParentSpanId));
        Assert.Equal(2, sends.Count(s => s.ParentSpanId == report.SpanId));
        var slack = processes.Where(p => Tag(p, "mazevault.delivery.channel") == "Slack").OrderBy(p => p.StartTimeUtc).ToList();
        Assert.Equal(["1", "2"], slack.Select(p => Tag(p, "mazevault.delivery.attempt")));
        Assert.Equal(["retryable", "delivered"], slack.Select(p => Tag(p, "mazevault.delivery.outcome")));
        Assert.Equal(["retryqueued", "delivered"], slack.Select(p => Tag(p, "mazevault.delivery.result")));
        var retrySend = Assert.Single(sends, s => s.ParentSpanId == slack[0].SpanId);
        Assert.Equal(retrySend.SpanId, slack[1].ParentSpanId);
        // Every vendor call is an HTTP client span under the delivery that made it.
        var vendorCalls = trace.Where(s => s.Kind == ActivityKind.Client && Tag(s, "server.port") == Vendor.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, vendorCalls.Count);
        Assert.All(vendorCalls, c => Assert.Contains(processes, p => p.SpanId == c.ParentSpanId));
    }

    [Fact]
    public async Task The_daily_check_is_a_trace_of_its_own_that_its_deliveries_continue_and_counts_what_it_found()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook) with { Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hook").ToString()) }]);
        Vendor.On("POST", "/hook", new FakeResponse(200));
        await engine.Inventory.UpsertCertificateAsync(
            new Certificate { Id = "example", OrganizationId = engine.Org, Subject = "CN=example.com", NotAfter = engine.Clock.GetUtcNow().AddDays(30) }, CancellationToken.None);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        // Other test classes run daily checks too: this one is the trace of this organization's delivery.
        var delivery = Assert.Single(await engine.DeliveriesAsync());
        var process = Assert.Single(_spans.Spans, s => s.DisplayName == "delivery process" && Tag(s, "mazevault.delivery.id") == delivery.DeliveryId);
        Assert.Equal("Webhook", Tag(process, "mazevault.delivery.channel"));
        var trace = Trace(process.TraceId);
        var check = Assert.Single(trace, s => s.DisplayName == "daily check");
        Assert.Equal(default, check.ParentSpanId);
        Assert.DoesNotContain(trace, s => s.DisplayName == "incident report");

        Flush(engine);
        var found = Metric("mazevault.alerts.daily_check.items");
        Assert.Equal("{item}", found.Unit);
        Assert.Contains(found.MetricPoints, p => Tags(p) == "kind=certificate,verdict=alert" && p.GetSumLong() >= 1);
    }

    [Fact]
    public async Task Delivery_metrics_carry_channel_and_outcome_with_their_units()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync(
        [
            Integration("slack1", TestIntegrations.Slack) with { Settings = TestIntegrations.SlackSettings(Vendor.Url("/slack").ToString()) },
            Integration("hook1", TestIntegrations.Webhook) with { Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hook").ToString()) },
        ]);
        Vendor.OnSequence("POST", "/slack", FakeResponse.Text(503, "busy"), FakeResponse.Text(200, "ok"));
        Vendor.On("POST", "/hook", new FakeResponse(404));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();
        Flush(engine);

        var deliveries = Metric("mazevault.alerts.deliveries");
        Assert.Equal("{delivery}", deliveries.Unit);
        Assert.Contains(deliveries.MetricPoints, p => Tags(p) == "channel=Slack,outcome=delivered" && p.GetSumLong() >= 1);
        Assert.Contains(deliveries.MetricPoints, p => Tags(p) == "channel=Webhook,outcome=permanent" && p.GetSumLong() >= 1);
        var attempts = Metric("mazevault.alerts.delivery.attempts");
        Assert.Equal("{attempt}", attempts.Unit);
        Assert.Contains(attempts.MetricPoints, p => Tags(p) == "channel=Slack,outcome=delivered" && p.GetHistogramSum() >= 2);
        var toDelivered = Metric("mazevault.alerts.delivery.time_to_delivered");
        Assert.Equal("s", toDelivered.Unit);
        Assert.Contains(toDelivered.MetricPoints, p => Tags(p) == "channel=Slack" && p.GetHistogramCount() >= 1);
        var queueAge = Metric("mazevault.alerts.delivery.queue_age");
        Assert.Equal("s", queueAge.Unit);
        Assert.Contains(queueAge.MetricPoints, p => Tags(p) == "" && p.GetHistogramCount() >= 3);
    }

    [Fact]
    public async Task A_429_from_a_paced_destination_counts_one_pause_by_channel()
    {
        await using var engine = Engine();
        await engine.ConfigureAsync(
            [Integration("slack1", TestIntegrations.Slack) with { Settings = TestIntegrations.SlackSettings(Vendor.Url("/slack").ToString()), Paced = true }]);
        Vendor.OnSequence("POST", "/slack",
            new FakeResponse(429, "rate_limited", "text/plain") { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } },
            FakeResponse.Text(200, "ok"));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        // The retry waits in process for its slot on the fake clock: move the clock on until the drain ends.
        var draining = engine.DrainAsync();
        for (var i = 0; i < 600 && !draining.IsCompleted; i++)
        {
            engine.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(draining, Task.Delay(50));
        }

        await draining;
        Flush(engine);

        var paused = Metric("mazevault.alerts.pacing.paused");
        Assert.Equal("{pause}", paused.Unit);
        Assert.Contains(paused.MetricPoints, p => Tags(p) == "channel=slack" && p.GetSumLong() >= 1);
    }

    [Fact]
    public async Task No_url_token_or_address_reaches_a_span_event_or_metric_tag()
    {
        string[] secrets =
        [
            "T0SECRET", "B0SECRET", "xoxb-slack-secret", "query-secret", "webhook-secret-path", "sig-secret", "teams-secret",
            "jira-token-secret", "ops-secret@example.com", "@example.com",
        ];
        await using var engine = Engine();
        await engine.ConfigureAsync(
        [
            Integration("slack1", TestIntegrations.Slack) with
            {
                Settings = TestIntegrations.SlackSettings(Vendor.Url("/services/T0SECRET/B0SECRET/xoxb-slack-secret?token=query-secret").ToString()),
            },
            Integration("hook1", TestIntegrations.Webhook) with
            {
                Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hooks/webhook-secret-path?sig=sig-secret").ToString(), signingSecret: "sig-secret"),
            },
            Integration("teams1", TestIntegrations.Teams) with { Settings = TestIntegrations.TeamsSettings(Vendor.Url("/workflows/teams-secret?sig=sig-secret").ToString()) },
            Integration("abc123", TestIntegrations.Jira) with { Settings = TestIntegrations.JiraSettings(Vendor.BaseUrl.ToString().TrimEnd('/')) },
            Integration("email1", TestIntegrations.Email) with { Settings = TestIntegrations.EmailSettings("ops-secret@example.com") },
        ]);
        // A failure and a retry too: error paths are where URLs tend to leak.
        Vendor.OnSequence("POST", "/services/T0SECRET/B0SECRET/xoxb-slack-secret", FakeResponse.Text(503, "busy"), FakeResponse.Text(200, "ok"));
        Vendor.On("POST", "/hooks/webhook-secret-path", new FakeResponse(500));
        Vendor.On("POST", "/workflows/teams-secret", new FakeResponse(202));
        Vendor.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(401, new System.Text.Json.Nodes.JsonObject()));

        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();
        Flush(engine);

        var report = Assert.Single(_spans.Spans, s => s.DisplayName == "incident report" && Tag(s, "mazevault.incident.id") == accepted.IncidentId);
        var exported = Trace(report.TraceId);
        var vendorCalls = exported.Where(s => s.Kind == ActivityKind.Client && Tag(s, "server.port") == Vendor.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.True(vendorCalls.Count >= 5, $"{vendorCalls.Count} vendor calls traced");
        // The URL is kept as its origin, so the span still says which vendor host was called.
        Assert.All(vendorCalls, c => Assert.Equal($"{Vendor.BaseUrl.Scheme}://{Vendor.BaseUrl.Authority}", Tag(c, "url.full")));
        var texts = exported.SelectMany(SpanTexts).Concat(_metrics.SelectMany(m => m.MetricPoints.SelectMany(p => TagPairs(p).Select(t => $"{t.Key}={t.Value}")))).ToList();
        Assert.NotEmpty(texts);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private List<Activity> Trace(ActivityTraceId traceId) => _spans.Spans.Where(s => s.TraceId == traceId).ToList();

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static IEnumerable<string> SpanTexts(Activity span) =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)))
            .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static string Tags(MetricPoint point) =>
        string.Join(",", TagPairs(point).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));

    private static List<KeyValuePair<string, object?>> TagPairs(MetricPoint point)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            pairs.Add(tag);
        }

        return pairs;
    }

    private void Flush(EngineHarness engine)
    {
        _metrics.Clear();
        Assert.True(engine.Services.GetRequiredService<MeterProvider>().ForceFlush());
    }

    // The last export: the periodic reader may have exported too since the flush began.
    private MetricSnapshot Metric(string name) => _metrics.Last(m => m.Name == name);
}

using System.Diagnostics;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Telemetry;

/// <summary>
/// The product's telemetry through the real Azure Monitor exporter to a local ingestion endpoint that speaks the
/// track API, as it reaches Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
/// </summary>
public sealed class AzureMonitorExportTests(AzuriteFixture azurite, FakeVendorServerFixture vendors)
    : IClassFixture<AzuriteFixture>, IClassFixture<FakeVendorServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(30);
    private FakeApplicationInsights _ingestion = null!;
    private FakeVendorServer Vendor => vendors.Server;

    public async Task InitializeAsync()
    {
        Vendor.Reset();
        _ingestion = await FakeApplicationInsights.StartAsync();
    }

    public async Task DisposeAsync() => await _ingestion.DisposeAsync();

    private EngineHarness Engine(Dictionary<string, string?>? settings = null, int maxAttempts = 8) => Create(
        azurite,
        adminEmail: null,
        teamsWebhook: null,
        maxAttempts: maxAttempts,
        firstBackoff: TimeSpan.Zero,
        realChannelSettings: new Dictionary<string, string?>(settings ?? [])
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringKey] = _ingestion.ConnectionString,
        },
        // Nothing beside the product's own registration: the connection string alone turns the exporter on.
        telemetry: _ => { });

    [Fact]
    public async Task An_incident_arrives_as_one_operation_with_its_log_lines_and_delivery_metrics_and_no_secret()
    {
        string[] secrets = ["T0SECRET", "B0SECRET", "xoxb-slack-secret", "query-secret", "webhook-secret-path", "sig-secret"];
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
        ]);
        Vendor.OnSequence("POST", "/services/T0SECRET/B0SECRET/xoxb-slack-secret", FakeResponse.Text(503, "busy"), FakeResponse.Text(200, "ok"));
        Vendor.On("POST", "/hooks/webhook-secret-path", new FakeResponse(200));

        var operation = await ReportAndDeliverAsync(engine);
        await _ingestion.WaitForAsync(e => e.SpanName() == "delivery process" && e.Tag("ai.operation.id") == operation, ExportTimeout);
        var spans = _ingestion.Envelopes.Where(e => e.Tag("ai.operation.id") == operation && e.BaseType() is "RequestData" or "RemoteDependencyData").ToList();
        Assert.Single(spans, e => e.SpanName() == "incident report");
        Assert.Equal(3, spans.Count(e => e.SpanName() == "delivery send"));
        // The consumer spans are the operation's requests: what Application Insights' transaction view shows per delivery.
        Assert.Equal(3, spans.Count(e => e.SpanName() == "delivery process" && e.BaseType() == "RequestData"));
        // Storage calls are HTTP dependencies too; the vendor's are the ones to its origin, the URL cut to it.
        var vendorCalls = spans.Where(e => e.BaseData()["type"]?.GetValue<string>() == "Http" && e.BaseData()["target"]?.GetValue<string>() == Vendor.BaseUrl.Authority).ToList();
        Assert.Equal(3, vendorCalls.Count);
        Assert.All(vendorCalls, c => Assert.Equal($"{Vendor.BaseUrl.Scheme}://{Vendor.BaseUrl.Authority}", c.BaseData()["data"]!.GetValue<string>()));

        // Log lines written inside the operation carry it, so the transaction view lists them with the spans.
        var logLine = await _ingestion.WaitForAsync(
            e => e.BaseType() == "MessageData" && e.Message()!.StartsWith("[IncidentService]", StringComparison.Ordinal)
                 && e.Tag("ai.operation.id") == operation,
            ExportTimeout);
        Assert.Equal("Information", logLine.BaseData()["severityLevel"]!.GetValue<string>());

        var deliveries = await _ingestion.WaitForAsync(e => e.BaseType() == "MetricData" && e.MetricName() == "mazevault.alerts.deliveries", ExportTimeout);
        Assert.NotNull(deliveries.Property("channel"));
        Assert.NotNull(deliveries.Property("outcome"));

        var sent = string.Join('\n', _ingestion.RawBatches);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, sent, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task With_traces_sampled_out_by_the_operator_the_log_lines_still_arrive_because_the_alert_rules_count_them()
    {
        await using var engine = Engine(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.TracesSamplerKey] = "microsoft.fixed_percentage",
            ["OTEL_TRACES_SAMPLER_ARG"] = "0",
        }, maxAttempts: 1);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook) with { Settings = TestIntegrations.WebhookSettings(Vendor.Url("/hook").ToString()) }]);
        Vendor.On("POST", "/hook", new FakeResponse(500));

        var operation = await ReportAndDeliverAsync(engine);
        // Nothing of this trace was sampled, yet the failed delivery's line, which the failed-deliveries alert rule counts, arrives.
        await _ingestion.WaitForAsync(
            e => e.BaseType() == "MessageData" && e.Tag("ai.operation.id") == operation
                 && e.Message()!.Contains("was recorded failed after", StringComparison.Ordinal),
            ExportTimeout);
    }

    /// <summary>Reports an incident under a sampled parent span, as the worker's HTTP invocation is, delivers it and flushes; the trace id.</summary>
    private static async Task<string> ReportAndDeliverAsync(EngineHarness engine)
    {
        var intake = new Activity("POST incidents") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        intake.Stop();
        Activity.Current = null;
        await engine.DrainAsync();
        Flush(engine);
        return intake.TraceId.ToHexString();
    }

    private static void Flush(EngineHarness engine)
    {
        Assert.True(engine.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(engine.Services.GetRequiredService<LoggerProvider>().ForceFlush());
        Assert.True(engine.Services.GetRequiredService<MeterProvider>().ForceFlush());
    }
}

using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The worker's own telemetry in OpenTelemetry mode, as Application Insights receives it from the compiled app: the
/// lines the alert rules in infra query, and one incident as one operation across the HTTP trigger and the queue.
/// </summary>
public sealed class TelemetryEndToEndTests(TelemetryAppFixture fixture) : IClassFixture<TelemetryAppFixture>
{
    // The exporter sends in batches every few seconds.
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_daily_check_done_line_the_missing_check_alert_rule_queries_reaches_application_insights_traces()
    {
        var result = await fixture.App.InvokeTimerAsync("DailyCheck");

        Assert.True(result.Succeeded, result.Error);
        var line = await fixture.Ingestion.WaitForAsync(
            e => e.BaseType() == "MessageData" && e.Message()!.StartsWith("[NotificationScheduler] Daily check done:", StringComparison.Ordinal),
            ExportTimeout);
        Assert.Equal("Information", line.BaseData()["severityLevel"]!.GetValue<string>());
        // The same line still reaches the host with its invocation, for the host's log stream.
        await fixture.App.Logs.WaitForAsync(
            l => l.InvocationId == result.InvocationId && l.Message.StartsWith("[NotificationScheduler] Daily check done:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_incident_is_one_operation_from_the_http_trigger_through_the_queue_to_the_vendor_call_with_no_secret_sent()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var hookPath = $"/services/{organizationId}/B1/secret-token";
        var incidentId = (await fixture.ReportIncidentToSlackAsync(organizationId, hookPath)).GetProperty("incidentId").GetString()!;
        Assert.Equal(1, (await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60))).Succeeded);

        var report = await fixture.Ingestion.WaitForAsync(
            e => e.SpanName() == "incident report" && e.Property("mazevault.incident.id") == incidentId, ExportTimeout);
        var operation = report.Tag("ai.operation.id")!;
        // The report hangs under the worker's span of the HTTP-triggered invocation.
        var trigger = await fixture.Ingestion.WaitForAsync(
            e => e.BaseType() == "RequestData" && e.BaseData()["id"]?.GetValue<string>() == report.Tag("ai.operation.parentId"), ExportTimeout);
        Assert.Equal(operation, trigger.Tag("ai.operation.id"));
        Assert.Equal("Invoke", trigger.SpanName());
        var process = await fixture.Ingestion.WaitForAsync(e => e.SpanName() == "delivery process" && e.Tag("ai.operation.id") == operation, ExportTimeout);
        Assert.Equal("RequestData", process.BaseType());
        var vendorCall = await fixture.Ingestion.WaitForAsync(
            e => e.BaseType() == "RemoteDependencyData" && e.Tag("ai.operation.id") == operation && e.BaseData()["target"]?.GetValue<string>() == fixture.Vendor.BaseUrl.Authority,
            ExportTimeout);
        // The vendor call hangs under the delivery that made it, in the queue-triggered invocation.
        Assert.Equal(process.BaseData()["id"]!.GetValue<string>(), vendorCall.Tag("ai.operation.parentId"));
        await fixture.Ingestion.WaitForAsync(
            e => e.BaseType() == "MessageData" && e.Tag("ai.operation.id") == operation
                 && e.Message()!.StartsWith("[IncidentService] Incident " + incidentId, StringComparison.Ordinal),
            ExportTimeout);

        Assert.DoesNotContain(fixture.Ingestion.RawBatches, batch => batch.Contains("secret-token", StringComparison.Ordinal));
    }
}

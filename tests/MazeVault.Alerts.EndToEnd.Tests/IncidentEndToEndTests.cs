
namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>An incident through the compiled app: HTTP in, the real delivery queue, a local HTTPS vendor server out.</summary>
public sealed class IncidentEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    [Fact]
    public async Task Incident_posted_over_http_reaches_slack_through_the_delivery_queue()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var hookPath = $"/services/{organizationId}/B1/secret-token";
        var accepted = await fixture.ReportIncidentToSlackAsync(organizationId, hookPath);
        Assert.Equal(1, accepted.GetProperty("deliveriesQueued").GetInt32());

        var pumped = await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, pumped.Succeeded);
        var posted = Assert.Single(fixture.Vendor.RequestsTo("POST", hookPath));
        Assert.Contains("prod-db-password", posted.Body, StringComparison.Ordinal);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("[IncidentService] Incident " + incidentId, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("secret-token", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>An incident through the compiled app: HTTP in, the real delivery queue, a local HTTPS vendor server out.</summary>
public sealed class IncidentEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    [Fact]
    public async Task Incident_posted_over_http_reaches_slack_through_the_delivery_queue()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var hookPath = $"/services/{organizationId}/B1/secret-token";
        fixture.Vendor.On("POST", hookPath, FakeResponse.Text(200, "ok"));
        using var integration = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations",
            new { type = "slack", name = "Security", slackWebhookUrl = fixture.Vendor.Url(hookPath).AbsoluteUri });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, integration);

        using var incident = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/incidents",
            new
            {
                type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db-password",
                detectedAt = DateTimeOffset.UtcNow, changeDetails = "read from an unknown IP",
            });

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        var accepted = JsonDocument.Parse(await incident.Content.ReadAsStringAsync()).RootElement;
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

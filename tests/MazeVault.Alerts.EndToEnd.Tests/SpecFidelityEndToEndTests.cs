using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Issue 16 through the compiled app: an incident under an Idempotency-Key, the audit trail it leaves, and a failed
/// rotation execution reported twice.
/// </summary>
public sealed class SpecFidelityEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    private readonly string _org = AlertsAppFixture.NewOrganizationId();
    // One instant for every post of a test: a retry repeats the body exactly.
    private readonly DateTimeOffset _detectedAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    private async Task<HttpResponseMessage> PostIncidentAsync(string key, string severity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{_org}/incidents")
        {
            Content = JsonContent.Create(new
            {
                type = "unauthorized_access", severity, affectedResourceName = "prod-db", detectedAt = _detectedAt,
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await fixture.Client.SendAsync(request);
    }

    [Fact]
    public async Task An_incident_retried_under_its_key_answers_the_same_and_shows_in_the_audit_trail()
    {
        using var first = await PostIncidentAsync("8e0f3c1a-retry", "high");
        using var repeat = await PostIncidentAsync("8e0f3c1a-retry", "high");
        using var reused = await PostIncidentAsync("8e0f3c1a-retry", "critical");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, first);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, repeat);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.UnprocessableEntity, reused);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await repeat.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        var incidentId = JsonDocument.Parse(body).RootElement.GetProperty("incidentId").GetString();

        using var audit = await fixture.Client.GetAsync($"api/organizations/{_org}/audit-events?type=INCIDENT_DETECTED&resource=prod-db&limit=10");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, audit);
        var item = Assert.Single(JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(incidentId, item.GetProperty("subjectId").GetString());

        using var bad = await fixture.Client.GetAsync($"api/organizations/{_org}/audit-events?limit=1000");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.BadRequest, bad);
        Assert.Contains("limit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_rotation_execution_reported_twice_emails_once()
    {
        // The owner's domain is one the organization's admin allowed (rotation configs name feed-supplied addresses).
        using var policy = await fixture.Client.PutAsJsonAsync($"api/organizations/{_org}/recipient-policy", new { allowedDomains = new[] { "example.com" } });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, policy);
        using var config = await fixture.Client.PutAsJsonAsync(
            $"api/organizations/{_org}/rotation-configs/db",
            new { secretName = "db-password", status = "success", notificationEmails = new[] { "owner@example.com" } });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, config);

        var queued = new List<int>();
        foreach (var _ in new[] { "report", "retry" })
        {
            using var report = await fixture.Client.PostAsJsonAsync(
                $"api/organizations/{_org}/rotation-configs/db/executions", new { status = "failed", error = "timeout", executionId = "run-42" });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, report);
            queued.Add(JsonDocument.Parse(await report.Content.ReadAsStringAsync()).RootElement.GetProperty("deliveriesQueued").GetInt32());
        }

        Assert.Equal([1, 0], queued);
    }
}

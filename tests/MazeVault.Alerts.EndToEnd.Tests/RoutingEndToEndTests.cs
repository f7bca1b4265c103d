using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Routing through the compiled app: three webhook integrations with different routes receive exactly the incidents and
/// daily-check alerts their routes take, and the explain endpoint says the same for each alert.
/// </summary>
public sealed class RoutingEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A sample alert, how it is raised, and the subject its message carries.</summary>
    private sealed record Case(string Kind, string Severity, string Resource, string Subject);

    private async Task<JsonElement> SendAsync(HttpStatusCode status, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await fixture.Client.SendAsync(request);
        await HostAssert.StatusAsync(fixture.App, status, response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<string> WebhookAsync(string org, string name, string path, object route)
    {
        fixture.Vendor.On("POST", path, new FakeResponse(200));
        var created = await SendAsync(HttpStatusCode.Created, HttpMethod.Post, $"api/organizations/{org}/integrations",
            new { type = "webhook", name, webhookUrl = fixture.Vendor.Url(path).AbsoluteUri, route });
        return "integration:" + created.GetProperty("id").GetString();
    }

    [Fact]
    public async Task Each_receiver_gets_exactly_the_alerts_its_route_takes_and_explain_agrees_with_what_was_sent()
    {
        var org = AlertsAppFixture.NewOrganizationId();
        var paths = new Dictionary<string, string>
        {
            ["production incidents"] = $"/hooks/{org}/jira",
            ["certificates"] = $"/hooks/{org}/certificates",
            ["medium and up"] = $"/hooks/{org}/medium",
        };
        var targets = new Dictionary<string, string>
        {
            ["production incidents"] = await WebhookAsync(org, "Production incidents", paths["production incidents"],
                new { kinds = new[] { "incident" }, minSeverity = "high", include = new[] { "prod-*" } }),
            ["certificates"] = await WebhookAsync(org, "Certificates", paths["certificates"],
                new { kinds = new[] { "certificate_expiry" }, exclude = new[] { "*.test.example.com" } }),
            ["medium and up"] = await WebhookAsync(org, "Medium and up", paths["medium and up"],
                new { minSeverity = "medium", exclude = new[] { "*-scratch" } }),
        };

        var incidents = new[]
        {
            new Case("incident", "low", "prod-db", "Security incident (low): unauthorized_access on prod-db"),
            new Case("incident", "medium", "prod-db", "Security incident (medium): unauthorized_access on prod-db"),
            new Case("incident", "high", "prod-db", "Security incident (high): unauthorized_access on prod-db"),
            new Case("incident", "critical", "PROD-api", "Security incident (critical): unauthorized_access on PROD-api"),
            new Case("incident", "critical", "dev-scratch", "Security incident (critical): unauthorized_access on dev-scratch"),
        };
        foreach (var incident in incidents)
        {
            await SendAsync(HttpStatusCode.Accepted, HttpMethod.Post, $"api/organizations/{org}/incidents", new
            {
                type = "unauthorized_access", severity = incident.Severity, affectedResourceName = incident.Resource,
                detectedAt = DateTimeOffset.UtcNow, changeDetails = "read from an unknown IP",
            });
        }

        // Within 7 days a certificate's alert is high, otherwise medium.
        var certificates = new[]
        {
            (Id: "web", Days: 5, Case: new Case("certificate_expiry", "high", "CN=web.prod.example.com", "Certificate CN=web.prod.example.com")),
            (Id: "api", Days: 20, Case: new Case("certificate_expiry", "medium", "CN=api.test.example.com", "Certificate CN=api.test.example.com")),
        };
        foreach (var certificate in certificates)
        {
            await SendAsync(HttpStatusCode.OK, HttpMethod.Put, $"api/organizations/{org}/certificates/{certificate.Id}",
                new { subject = certificate.Case.Resource, notAfter = DateTimeOffset.UtcNow.AddDays(certificate.Days), autoRenewalEnabled = false });
        }

        var run = await fixture.App.InvokeTimerAsync("DailyCheck");
        Assert.True(run.Succeeded, run.Error);
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var cases = incidents.Concat(certificates.Select(c => c.Case)).ToList();
        var received = paths.ToDictionary(p => p.Key, p => fixture.Vendor.RequestsTo("POST", p.Value)
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("subject").GetString()!)
            .Select(subject => cases.Single(c => subject.StartsWith(c.Subject, StringComparison.Ordinal)))
            .ToHashSet());

        Assert.Equal([incidents[2], incidents[3]], received["production incidents"].OrderBy(cases.IndexOf));
        Assert.Equal([certificates[0].Case], received["certificates"]);
        Assert.Equal([incidents[1], incidents[2], incidents[3], certificates[0].Case, certificates[1].Case], received["medium and up"].OrderBy(cases.IndexOf));
        foreach (var (receiver, path) in paths)
        {
            // One message per alert: nothing was sent twice.
            Assert.Equal(received[receiver].Count, fixture.Vendor.RequestsTo("POST", path).Count);
        }

        foreach (var sample in cases)
        {
            var explained = await SendAsync(HttpStatusCode.OK, HttpMethod.Post, $"api/organizations/{org}/routing/explain",
                new { kind = sample.Kind, severity = sample.Severity, resourceName = sample.Resource });
            var decisions = explained.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("target").GetString()!);
            foreach (var (receiver, target) in targets)
            {
                var decision = decisions[target];
                Assert.True(received[receiver].Contains(sample) == decision.GetProperty("receives").GetBoolean(),
                    $"{receiver} and {sample}: explain says {decision}");
                Assert.Equal(decision.GetProperty("receives").GetBoolean(), decision.GetProperty("excludedBy").ValueKind == JsonValueKind.Null);
            }
        }
    }
}

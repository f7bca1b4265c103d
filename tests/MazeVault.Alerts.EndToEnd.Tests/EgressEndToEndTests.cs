using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The egress guard of the compiled app under a managed identity and HTTPS_PROXY: the platform's identity endpoint is
/// reached for the token without EGRESS_ALLOWED_NETWORKS opening it, and by nothing else; no vendor call goes through the
/// proxy, so the guard judges each destination itself.
/// </summary>
public sealed class EgressEndToEndTests(EgressAppFixture fixture) : IClassFixture<EgressAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_incident_email_is_sent_with_a_token_from_an_identity_endpoint_outside_the_allowed_networks()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", EgressAppFixture.SendMailPath, new FakeResponse(202));
        using var contact = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incident-contacts",
            new { name = "Responder", email = "responder@company.com", priority = 1 });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, contact);

        await IncidentAsync(organizationId);
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var delivery = Assert.Single((await HistoryAsync(organizationId)).EnumerateArray());
        Assert.True(delivery.GetProperty("status").GetString() == "delivered", delivery.ToString());
        var sent = Assert.Single(fixture.Vendor.RequestsTo("POST", EgressAppFixture.SendMailPath),
            r => r.Body.Contains("responder@company.com", StringComparison.Ordinal));
        Assert.Equal($"Bearer {EgressAppFixture.AccessToken}", sent.Header("Authorization"));
        Assert.Contains(fixture.Identity.Requests, r => r is { Method: "GET", Path: EgressAppFixture.IdentityPath } && r.Header("X-IDENTITY-HEADER") == "local-identity-header");
    }

    [Fact]
    public async Task Webhooks_to_the_identity_endpoint_or_another_closed_address_are_refused_and_the_proxy_sees_nothing()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var toIdentity = new Uri($"https://{fixture.Identity.BaseUrl.Authority}{EgressAppFixture.IdentityPath}");
        var toClosed = new Uri($"https://127.0.0.2:{FreePort.Next()}/hooks/internal");
        // Written while an operator had opened all of loopback; the app then restarts with only the vendors' address open,
        // so the refusal is the send-time guard's (the API refuses such a literal address when it is written).
        fixture.AllowedNetworks = TestNetworks.Loopback;
        await fixture.RestartAsync();
        await WebhookAsync(organizationId, "Identity endpoint", toIdentity);
        await WebhookAsync(organizationId, "Closed address", toClosed);
        fixture.AllowedNetworks = TestNetworks.VendorsOnly;
        await fixture.RestartAsync();

        await IncidentAsync(organizationId);
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var deliveries = (await HistoryAsync(organizationId)).EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal("failed", d.GetProperty("status").GetString());
            Assert.Equal("webhook failed: destination not allowed", d.GetProperty("lastError").GetString());
        });
        // The identity endpoint only ever served tokens, and the proxy was never asked to connect anywhere.
        Assert.All(fixture.Identity.Requests, r => Assert.Equal(("GET", EgressAppFixture.IdentityPath), (r.Method, r.Path)));
        Assert.Empty(fixture.Proxy.RequestLines);

        // The proxy does record a client that uses it: its silence above is the app's doing.
        using var viaProxy = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(fixture.Proxy.Url), UseProxy = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => viaProxy.GetAsync(toClosed));
        Assert.Equal([$"CONNECT {toClosed.Authority} HTTP/1.1"], fixture.Proxy.RequestLines);
    }

    private async Task WebhookAsync(string organizationId, string name, Uri url)
    {
        using var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations",
            new { type = "webhook", name, webhookUrl = url.AbsoluteUri });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
    }

    private async Task IncidentAsync(string organizationId)
    {
        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
            new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db-password", detectedAt = DateTimeOffset.UtcNow });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
    }

    private async Task<JsonElement> HistoryAsync(string organizationId)
    {
        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        return JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
    }
}

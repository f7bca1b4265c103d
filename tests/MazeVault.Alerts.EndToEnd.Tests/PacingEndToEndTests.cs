using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Paced webhook integrations through the HTTP API, the compiled app, the test host's queue trigger, Azurite and a local
/// receiver that enforces its rate with 429s.
/// </summary>
public sealed class PacingEndToEndTests(PacingAppFixture fixture) : IClassFixture<PacingAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(90);

    private async Task PacedWebhookAsync(string organizationId, string path)
    {
        using var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations",
            new { type = "webhook", name = "Receiver", webhookUrl = fixture.Vendor.Url(path).AbsoluteUri, paced = true });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
    }

    private async Task IncidentsAsync(string organizationId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
                new { type = "unauthorized_access", severity = "high", affectedResourceName = $"resource-{i}", detectedAt = DateTimeOffset.UtcNow });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        }
    }

    private async Task<List<JsonElement>> HistoryAsync(string organizationId)
    {
        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        return JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Paced_deliveries_to_a_rate_enforcing_receiver_all_arrive_once_without_a_429()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        fixture.Vendor.On("POST", path, new FakeResponse(200));
        var limit = fixture.Vendor.LimitRate(path, 5, TimeSpan.FromSeconds(1));
        await PacedWebhookAsync(organizationId, path);
        await IncidentsAsync(organizationId, 15);

        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        Assert.Equal(0, limit.Refused);
        var received = fixture.Vendor.RequestsTo("POST", path);
        Assert.Equal(15, received.Count);
        Assert.Equal(15, received.Select(r => r.Header("webhook-id")).Distinct().Count());
        Assert.All(await HistoryAsync(organizationId), d =>
            Assert.Equal(("delivered", 1), (d.GetProperty("status").GetString(), d.GetProperty("attempt").GetInt32())));
    }

    [Fact]
    public async Task A_429_holds_back_the_other_paced_deliveries_which_keep_their_first_attempt()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        // Another sender used up the receiver's quota: the first request is refused for 3 s.
        fixture.Vendor.OnSequence("POST", path,
            new FakeResponse(429) { Headers = new Dictionary<string, string> { ["Retry-After"] = "3" } },
            new FakeResponse(200));
        await PacedWebhookAsync(organizationId, path);
        await IncidentsAsync(organizationId, 4);

        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        // One refusal only: the other three waited out the pause (through the queue) instead of trying.
        var received = fixture.Vendor.RequestsTo("POST", path);
        Assert.Equal(5, received.Count);
        Assert.Equal(4, received.Select(r => r.Header("webhook-id")).Distinct().Count());
        var history = await HistoryAsync(organizationId);
        Assert.All(history, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        Assert.Equal([1, 1, 1, 2], history.Select(d => d.GetProperty("attempt").GetInt32()).Order());
        Assert.Contains(fixture.App.Logs.Lines, l => l.Message.Contains("[Pacing] Destination webhook-", StringComparison.Ordinal) && l.Message.Contains("answered 429", StringComparison.Ordinal));
    }
}

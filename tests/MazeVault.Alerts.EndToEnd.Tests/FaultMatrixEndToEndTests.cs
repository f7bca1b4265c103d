using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Vendor faults through the compiled app, the test host, Azurite and a local webhook receiver: what the receiver got
/// (nothing lost, nothing twice) and the delivery's final ledger state.
/// </summary>
public sealed class FaultMatrixEndToEndTests(FaultMatrixAppFixture fixture) : IClassFixture<FaultMatrixAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(90);

    private async Task<string> WebhookAsync(string organizationId, string path)
    {
        using var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations",
            new { type = "webhook", name = "Receiver", webhookUrl = fixture.Vendor.Url(path).AbsoluteUri });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task IncidentAsync(string organizationId, string resource)
    {
        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
            new { type = "unauthorized_access", severity = "high", affectedResourceName = resource, detectedAt = DateTimeOffset.UtcNow });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
    }

    private async Task<JsonElement> HistoryAsync(string organizationId)
    {
        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        return JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
    }

    public static TheoryData<string, int[], string, int, int> Faults => new()
    {
        // name, the receiver's answers in turn, final status, attempts, requests the receiver saw
        { "429 with Retry-After", [429, 200], "delivered", 2, 2 },
        { "5xx twice", [503, 500, 200], "delivered", 3, 3 },
        { "401", [401], "failed", 1, 1 },
        { "404 then nothing more", [404, 200], "failed", 1, 1 },
        // 0: the receiver takes the request and the connection drops before its answer (processed, answer lost).
        { "connection reset after the vendor processed it", [0, 200], "delivered", 2, 2 },
        { "5xx on every attempt", [503], "failed", 3, 3 },
        // -1: the receiver takes the request and answers 200 after the 3 s timeout (processed, answer too late).
        { "vendor slower than the timeout", [-1, 200], "delivered", 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_vendor_fault_ends_delivered_once_or_failed_as_classified(string fault, int[] answers, string status, int attempts, int requests)
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        fixture.Vendor.OnSequence("POST", path, answers.Select(a => new FakeResponse(a <= 0 ? 200 : a)
        {
            Reset = a == 0,
            Delay = a == -1 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero,
            Headers = a == 429 ? new Dictionary<string, string> { ["Retry-After"] = "1" } : new Dictionary<string, string>(),
        }).ToArray());
        await WebhookAsync(organizationId, path);

        await IncidentAsync(organizationId, "prod-db");
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var received = fixture.Vendor.RequestsTo("POST", path);
        Assert.True(requests == received.Count, $"{fault}: the receiver saw {received.Count} requests");
        // Every attempt of the one delivery carries the same webhook-id: a receiver could drop a repeat.
        Assert.Single(received.Select(r => r.Header("webhook-id")).Distinct());
        var delivery = Assert.Single((await HistoryAsync(organizationId)).EnumerateArray());
        Assert.Equal(status, delivery.GetProperty("status").GetString());
        Assert.Equal(attempts, delivery.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task Alert_content_that_cannot_be_read_after_the_claim_ends_failed_within_the_attempts()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        fixture.Vendor.On("POST", path, new FakeResponse(200));
        await WebhookAsync(organizationId, path);
        await IncidentAsync(organizationId, "prod-db");
        // The alert's row sits beside its deliveries in the ledger table, its key prefixed "alert-".
        var alerts = fixture.Azurite.CreateTableServiceClient().GetTableClient("Deliveries");
        var row = alerts.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == organizationId).Single(e => e.RowKey.StartsWith("alert-", StringComparison.Ordinal));
        row["Notification"] = "{ not json";
        await alerts.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        // The worker that wrote the alert keeps it in memory (alerts never change); another instance reads it from storage.
        await fixture.RestartAsync();

        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var delivery = Assert.Single((await HistoryAsync(organizationId)).EnumerateArray());
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal("internal error before sending: JsonException (gave up after 3 attempts)", delivery.GetProperty("lastError").GetString());
        Assert.Empty(fixture.Vendor.RequestsTo("POST", path));
    }

    [Fact]
    public async Task Two_hundred_incidents_at_concurrency_16_reach_the_receiver_once_each()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        fixture.Vendor.On("POST", path, new FakeResponse(200));
        await WebhookAsync(organizationId, path);

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await IncidentAsync(organizationId, $"resource-{i}"));
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        var received = fixture.Vendor.RequestsTo("POST", path);
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Select(r => r.Header("webhook-id")).Distinct().Count());
        Assert.Equal(200, received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("subject").GetString()).Distinct().Count());
        Assert.All((await HistoryAsync(organizationId)).EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
    }
}

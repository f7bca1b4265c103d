using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Pacing;

/// <summary>
/// The delivery processor with paced integrations: the real Slack channel against a local server, the ledger, queue and
/// slot table on Azurite, and a fake clock.
/// </summary>
public sealed class PacedDeliveryTests(AzuriteFixture azurite, FakeVendorServerFixture vendors)
    : IClassFixture<AzuriteFixture>, IClassFixture<FakeVendorServerFixture>
{
    // 40% of Slack's one per second: slots 2.63 s apart, so the second send is due beyond the 2 s waited in the handler
    // and is deferred through the queue, whose visibility delay is then one (real) second.
    private const string RatePercent = "40";
    private static readonly TimeSpan Interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / (0.4 * DestinationPacer.Headroom)));

    private FakeVendorServer Vendor => vendors.Server;

    private EngineHarness Engine() => Create(azurite, adminEmail: null, teamsWebhook: null,
        realChannelSettings: new Dictionary<string, string?> { ["PACING_RATE_PERCENT"] = RatePercent });

    /// <summary>A Slack path of its own (the server is shared by the class's tests).</summary>
    private string NewSlackPath()
    {
        var path = $"/slack/{Guid.NewGuid():N}";
        Vendor.On("POST", path, FakeResponse.Text(200, "ok"));
        return path;
    }

    private Core.Integrations.Integration Slack(string id, string path, bool paced = true) =>
        Integration(id, TestIntegrations.Slack) with { Settings = TestIntegrations.SlackSettings(Vendor.Url(path).ToString()), Paced = paced };

    [Fact]
    public async Task A_paced_delivery_without_a_free_slot_is_deferred_unsent_and_keeps_its_attempt()
    {
        await using var engine = Engine();
        var path = NewSlackPath();
        await engine.ConfigureAsync([Slack("slack1", path)]);
        var start = engine.Clock.GetUtcNow();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("resource-1"), null, CancellationToken.None);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("resource-2"), null, CancellationToken.None);

        Assert.Equal(2, await engine.DrainAsync());

        // One went at once; the other holds the next slot, with its attempt unused and its claim given back.
        Assert.Single(Vendor.RequestsTo("POST", path));
        var waiting = Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(Status: DeliveryStatus.Queued)));
        Assert.Equal(1, waiting.Attempt);
        Assert.Null(waiting.LeaseUntil);
        Assert.Equal(start + Interval, waiting.NextAttemptAt);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());

        engine.Clock.Advance(Interval);
        Assert.Equal(1, await engine.DrainWhenVisibleAsync());

        Assert.Equal(2, Vendor.RequestsTo("POST", path).Count);
        Assert.All(await engine.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.Attempt)));
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message.StartsWith("[Pacing] Delivery ", StringComparison.Ordinal) && r.Message.Contains("attempt 1 not used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_pauses_every_paced_delivery_to_that_destination_and_no_other()
    {
        await using var engine = Engine();
        var shared = $"/slack/{Guid.NewGuid():N}";
        Vendor.OnSequence("POST", shared,
            FakeResponse.Text(429, "rate_limited") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "30" } },
            FakeResponse.Text(200, "ok"));
        var other = NewSlackPath();
        // Two integrations on the same webhook (one destination), and one elsewhere; delivered in this order.
        await engine.ConfigureAsync([Slack("slack1", shared), Slack("slack2", shared), Slack("slack3", other)]);
        var start = engine.Clock.GetUtcNow();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);

        Assert.Equal(3, await engine.DrainAsync());

        var deliveries = (await engine.DeliveriesAsync()).ToDictionary(d => d.Target);
        // The refused one used its attempt and retries no sooner than Retry-After.
        Assert.Equal((DeliveryStatus.Retrying, 2), (deliveries["integration:slack1"].Status, deliveries["integration:slack1"].Attempt));
        // The other delivery to that destination waits for the end of the pause without calling the vendor.
        Assert.Equal((DeliveryStatus.Queued, 1), (deliveries["integration:slack2"].Status, deliveries["integration:slack2"].Attempt));
        Assert.Equal(start + TimeSpan.FromSeconds(30), deliveries["integration:slack2"].NextAttemptAt);
        Assert.Single(Vendor.RequestsTo("POST", shared));
        // Another destination is not paused.
        Assert.Equal(DeliveryStatus.Delivered, deliveries["integration:slack3"].Status);
        var key = PacedDestination.Of(TestIntegrations.Slack, Vendor.Url(shared).ToString(), PacingRate.PerSecond(1)).Key;
        var row = (await azurite.CreateTableServiceClient().GetTableClient(TableNames.Pacing).GetEntityAsync<TableEntity>(key, "slot")).Value;
        Assert.Equal(start + TimeSpan.FromSeconds(30), row.GetDateTimeOffset("PausedUntil"));
        Assert.Equal($"{engine.Org}/slack1", row.GetString("PausedBy"));
    }

    [Fact]
    public async Task Unpaced_integrations_send_back_to_back_and_never_touch_the_slot_table()
    {
        await using var engine = Engine();
        var path = NewSlackPath();
        await engine.ConfigureAsync([Slack("slack1", path, paced: false), Slack("slack2", path, paced: false)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var key = PacedDestination.Of(TestIntegrations.Slack, Vendor.Url(path).ToString(), PacingRate.PerSecond(1)).Key;
        var pacingRequests = 0;

        using (new AzureEventSourceListener((e, _) =>
        {
            // The SDK's request event carries the URI, which names the row: count those of this destination.
            if (e.EventName == "Request" && e.Payload?.OfType<string>().Any(p => p.Contains(key, StringComparison.Ordinal)) == true)
            {
                Interlocked.Increment(ref pacingRequests);
            }
        }, EventLevel.Informational))
        {
            Assert.Equal(2, await engine.DrainAsync());
            Assert.Equal(2, Vendor.RequestsTo("POST", path).Count);
            Assert.All(await engine.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
            Assert.Equal(0, pacingRequests);

            // The count does see the row when it is used: a paced send to the same webhook reads it (by its key in the URI).
            var pacer = engine.Services.GetRequiredService<DestinationPacer>();
            await pacer.AcquireAsync(PacedDestination.Of(TestIntegrations.Slack, Vendor.Url(path).ToString(), PacingRate.PerSecond(1)), null, CancellationToken.None);
            Assert.NotEqual(0, pacingRequests);
        }
    }
}

using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// Alerts of one organization dispatched at the same moment share ledger transactions (group commit, Azurite): fewer
/// transactions, and still every delivery queued and sent once, a rerun among new alerts changing nothing for them.
/// </summary>
public sealed class SharedLedgerTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Alerts_dispatched_at_once_share_transactions_and_each_delivery_is_sent_once()
    {
        await using var proxy = await AzuriteTableProxy.StartAsync(azurite);
        await using var engine = await EngineWithTwoWebhooksAsync(proxy);
        var alerts = Enumerable.Range(0, 30).Select(i => Expiring(engine, $"cert-{i}")).ToList();
        var batchesBefore = proxy.CountOf("$batch");

        var queued = await DispatchWhileTheFirstIsInFlightAsync(engine, proxy, alerts);

        Assert.All(queued, count => Assert.Equal(2, count));
        // The first goes alone; the 29 that arrive while it is in flight need 87 rows: one more transaction.
        Assert.Equal(2, proxy.CountOf("$batch") - batchesBefore);
        Assert.Equal(60, await engine.DrainAsync());
        var rows = await engine.DeliveriesAsync();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, row => Assert.Equal(DeliveryStatus.Delivered, row.Status));
        Assert.Equal(60, engine.Sent.Count);
        Assert.Equal(60, engine.Sent.Select(s => (s.Target.Id, s.Notification.Subject)).Distinct().Count());
    }

    [Fact]
    public async Task A_shared_transaction_stops_taking_alerts_before_its_body_could_pass_the_storage_limit()
    {
        await using var proxy = await AzuriteTableProxy.StartAsync(azurite);
        await using var engine = await EngineWithTwoWebhooksAsync(proxy);
        // 29 alerts waiting with 25,000 characters of content each: 87 rows would fit one transaction, the text would not.
        var alerts = Enumerable.Range(0, 30).Select(i => Expiring(engine, $"cert-{i}"))
            .Select(a => a with { Notification = a.Notification with { Message = new string('x', 25_000) } }).ToList();
        var batchesBefore = proxy.CountOf("$batch");

        var queued = await DispatchWhileTheFirstIsInFlightAsync(engine, proxy, alerts);

        Assert.All(queued, count => Assert.Equal(2, count));
        // The first alone, then 19 (475,000 characters and their other values stay under 500,000), then the last 10.
        Assert.Equal(3, proxy.CountOf("$batch") - batchesBefore);
        Assert.Equal(60, await engine.DrainAsync());
    }

    [Fact]
    public async Task A_rerun_sharing_a_transaction_with_new_alerts_fails_it_and_then_each_alert_writes_alone()
    {
        await using var proxy = await AzuriteTableProxy.StartAsync(azurite);
        await using var engine = await EngineWithTwoWebhooksAsync(proxy);
        var (targets, dispatcher) = await DispatchOfAsync(engine);
        var (first, rerun, last) = (Expiring(engine, "cert-first"), Expiring(engine, "cert-rerun"), Expiring(engine, "cert-last"));
        Assert.Equal(2, await dispatcher.DispatchAsync(rerun, targets, CancellationToken.None));
        var batchesBefore = proxy.CountOf("$batch");

        // "first" goes alone; the rerun and "last" arrive while it is in flight and share the next transaction, which
        // the rerun's existing rows fail.
        var queued = await DispatchWhileTheFirstIsInFlightAsync(engine, proxy, [first, rerun, last]);

        Assert.Equal([2, 0, 2], queued);
        // first alone, the shared one that failed, then the rerun and "last" each alone (the rerun's fails again).
        Assert.Equal(4, proxy.CountOf("$batch") - batchesBefore);
        Assert.Equal(6, await engine.DrainAsync());
        Assert.Equal(6, engine.Sent.Count);
        Assert.Equal(2, engine.Sent.Count(s => s.Notification.Subject.Contains("cert-last", StringComparison.Ordinal)));
        Assert.Equal(2, engine.Sent.Count(s => s.Notification.Subject.Contains("cert-rerun", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_transaction_whose_answer_was_lost_still_queues_each_delivery_once()
    {
        await using var proxy = await AzuriteTableProxy.StartAsync(azurite);
        await using var engine = await EngineWithTwoWebhooksAsync(proxy);
        var (targets, dispatcher) = await DispatchOfAsync(engine);

        // The transaction commits, its answer is lost, the SDK sends it again and meets the rows it wrote.
        proxy.LoseAnswers("$batch", 1);
        Assert.Equal(2, await dispatcher.DispatchAsync(Expiring(engine, "cert-1"), targets, CancellationToken.None));

        Assert.Equal(1, proxy.AnswersLost);
        Assert.Equal(2, await engine.DrainAsync());
        Assert.Equal(2, engine.Sent.Count);
    }

    [Fact]
    public async Task A_shared_transaction_whose_answer_was_lost_still_queues_each_alerts_deliveries_once()
    {
        await using var proxy = await AzuriteTableProxy.StartAsync(azurite);
        await using var engine = await EngineWithTwoWebhooksAsync(proxy);

        // The first alert goes alone; the second transaction is the other two's, shared.
        proxy.LoseAnswers("$batch", 2);
        var queued = await DispatchWhileTheFirstIsInFlightAsync(engine, proxy, [.. new[] { "cert-1", "cert-2", "cert-3" }.Select(id => Expiring(engine, id))]);

        Assert.Equal([2, 2, 2], queued);
        Assert.Equal(1, proxy.AnswersLost);
        Assert.Equal(6, await engine.DrainAsync());
        Assert.Equal(6, engine.Sent.Select(s => (s.Target.Id, s.Notification.Subject)).Distinct().Count());
        Assert.Equal(6, engine.Sent.Count);
    }

    [Fact]
    public async Task Rows_another_dispatch_of_the_alert_wrote_are_not_taken_for_this_ones()
    {
        await using var engine = await EngineWithTwoWebhooksAsync();
        var (targets, dispatcher) = await DispatchOfAsync(engine);
        var alert = Expiring(engine, "cert-1");
        Assert.Equal(2, await dispatcher.DispatchAsync(alert, targets, CancellationToken.None));

        // A concurrent run of the same alert: its messages are on their way, so within the grace this one sends nothing.
        Assert.Equal(0, await dispatcher.DispatchAsync(alert, targets, CancellationToken.None));
        Assert.Equal(2, await engine.DrainAsync());
    }

    /// <summary>
    /// Dispatches <paramref name="alerts"/> at once, the first one first; its transaction is held in flight until every other
    /// alert waits in the group commit for the next one, then released: the sharing the tests count does not depend on
    /// how fast the machine is.
    /// </summary>
    private static async Task<int[]> DispatchWhileTheFirstIsInFlightAsync(EngineHarness engine, AzuriteTableProxy proxy, IReadOnlyList<Alert> alerts)
    {
        var (targets, dispatcher) = await DispatchOfAsync(engine);
        var ledger = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        var groupCommit = engine.Services.GetRequiredService<TableGroupCommit>();
        var first = proxy.Hold("$batch", 1);
        var firstDispatch = dispatcher.DispatchAsync(alerts[0], targets, CancellationToken.None);
        await first.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        var others = alerts.Skip(1).Select(alert => dispatcher.DispatchAsync(alert, targets, CancellationToken.None)).ToList();
        await WaitUntilAsync(() => groupCommit.WaitingWriters(ledger, engine.Org) == others.Count);
        first.Release();
        return await Task.WhenAll([firstDispatch, .. others]);
    }

    /// <summary>Polls what another task changes (it offers no event), failing after 30 s.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "not reached within 30 s");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// The organization's targets and the dispatcher, with the ledger table created: concurrent dispatches then reach the
    /// ledger in the order they were started instead of all at once when the table is there.
    /// </summary>
    private static async Task<(IReadOnlyList<DeliveryTarget> Targets, DeliveryDispatcher Dispatcher)> DispatchOfAsync(EngineHarness engine)
    {
        await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        return (await engine.Services.GetRequiredService<DeliveryPlan>().ForOrganizationAsync(engine.Org, CancellationToken.None),
            engine.Services.GetRequiredService<DeliveryDispatcher>());
    }

    private async Task<EngineHarness> EngineWithTwoWebhooksAsync(AzuriteTableProxy? tablesThrough = null)
    {
        var engine = Create(azurite, adminEmail: null, teamsWebhook: null, tablesThrough: tablesThrough);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook), Integration("hook2", TestIntegrations.Webhook)]);
        return engine;
    }

    private static Alert Expiring(EngineHarness engine, string certificateId) => AlertFactory.CertificateExpiry(new Certificate
    {
        Id = certificateId, OrganizationId = engine.Org, Subject = $"CN={certificateId}.example.com", NotAfter = engine.Clock.GetUtcNow().AddDays(10),
    }, engine.Clock.GetUtcNow());
}

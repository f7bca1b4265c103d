using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Storage;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// What a first attempt costs in storage requests, and that the cheaper path changes nothing else: a first attempt from
/// the dispatcher is claimed with the ETag its message carries instead of after a read, the alert the dispatcher wrote
/// and the target an earlier delivery read are not read again, and a retry still reads its target as it is now.
/// </summary>
public sealed class StorageRequestsPerDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_first_attempt_from_the_dispatcher_writes_its_ledger_row_twice_and_reads_nothing_once_its_targets_were_read()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook), Integration("slack1", TestIntegrations.Slack)]);
        // The first incident reads the two targets; the second's deliveries find them read.
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("first"), null, CancellationToken.None);
        await engine.DrainAsync();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("second"), null, CancellationToken.None);

        using var counter = new StorageRequestCounter(azurite);
        Assert.Equal(2, await engine.DrainAsync());

        // Per delivery: the claim and the outcome, both conditional on the row's ETag. No ledger, alert or integration read.
        Assert.Equal(4, counter.CountOf($"{TableNames.Deliveries}("));
        Assert.Equal(0, counter.CountOf($"{TableNames.Deliveries}(", "GET"));
        Assert.Equal(0, counter.CountOf(TableNames.Alerts));
        Assert.Equal(0, counter.CountOf(TableNames.Integrations));
        Assert.All(await engine.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(4, engine.Sent.Count);
    }

    [Fact]
    public async Task A_row_claimed_without_a_read_ends_exactly_as_one_claimed_after_reading_it()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook), Integration("hook2", TestIntegrations.Webhook)]);
        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var messages = (await engine.Queue.ReceiveMessagesAsync(32)).Value.Select(m => DeliveryEnvelope.Parse(m.MessageText)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.NotNull(m.LedgerETag));

        await engine.Processor.ProcessAsync(messages[0], CancellationToken.None);
        // The same kind of message without what the dispatcher adds: the handler reads the row first.
        await engine.Processor.ProcessAsync(messages[1] with { LedgerETag = null, QueuedAt = null }, CancellationToken.None);

        var rows = (await engine.DeliveriesAsync(new DeliveryQuery(IncidentId: accepted.IncidentId))).OrderBy(d => d.Target).ToList();
        Assert.Equal(2, rows.Count);
        static object Shape(DeliveryRecord d) => new
        {
            d.AlertId, d.IncidentId, d.Channel, d.Status, d.Attempt, d.LastError, d.Detail, d.LeaseUntil, d.NextAttemptAt,
            d.EnqueuedAt, d.CreatedAt, d.UpdatedAt, Attempts = string.Join(",", d.Attempts.Select(a => $"{a.Number}:{a.Outcome}")),
            Name = d.TargetName.Replace("hook2", "hook1", StringComparison.Ordinal),
        };
        Assert.Equal(Shape(rows[1]), Shape(rows[0]));
        Assert.Equal(DeliveryStatus.Delivered, rows[0].Status);
    }

    [Fact]
    public async Task A_dispatch_message_handled_again_after_its_row_changed_reads_the_row_and_sends_nothing()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var message = DeliveryEnvelope.Parse(Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value).MessageText);

        Assert.Equal(ProcessResult.Delivered, await engine.Processor.ProcessAsync(message, CancellationToken.None));
        // Storage queues deliver at least once: the same message again carries an ETag the row no longer has.
        Assert.Equal(ProcessResult.Duplicate, await engine.Processor.ProcessAsync(message, CancellationToken.None));

        Assert.Equal(1, engine.Channels[TestIntegrations.Webhook].Calls);
    }

    [Fact]
    public async Task A_switched_off_integration_still_gets_first_attempts_dispatched_before_for_the_cache_age_and_no_retry()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var slack = engine.Channels[TestIntegrations.Slack];
        slack.Respond = (_, n) => n == 1 ? new DeliveryOutcome.Retryable("slack webhook failed with status: 503") : new DeliveryOutcome.Delivered();
        var first = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("first"), null, CancellationToken.None);
        var firstMessage = DeliveryEnvelope.Parse(Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value).MessageText);
        Assert.Equal(ProcessResult.RetryQueued, await engine.Processor.ProcessAsync(firstMessage, CancellationToken.None));
        await engine.Queue.ClearMessagesAsync();
        // Dispatched while the integration is on, handled after it was switched off.
        var second = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("second"), null, CancellationToken.None);
        var third = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("third"), null, CancellationToken.None);
        var messages = (await engine.Queue.ReceiveMessagesAsync(32)).Value.Select(m => DeliveryEnvelope.Parse(m.MessageText)).ToList();
        var integration = (await engine.Integrations.GetAsync(engine.Org, "slack1", CancellationToken.None))!;
        await engine.Integrations.UpdateAsync(integration with { Active = false }, CancellationToken.None);

        // A retry reads the integration as it is now.
        Assert.Equal(ProcessResult.Failed, await engine.Processor.ProcessAsync(firstMessage with { Attempt = 2, LedgerETag = null, QueuedAt = null }, CancellationToken.None));
        // A first attempt within DELIVERY_TARGET_CACHE_SECONDS (30) may use it as an earlier delivery read it.
        Assert.Equal(ProcessResult.Delivered, await engine.Processor.ProcessAsync(await MessageOfAsync(engine, messages, second.IncidentId), CancellationToken.None));
        // After that, it reads it again.
        engine.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(ProcessResult.Failed, await engine.Processor.ProcessAsync(await MessageOfAsync(engine, messages, third.IncidentId), CancellationToken.None));

        Assert.Equal(2, slack.Calls);
        Assert.All(
            (await engine.DeliveriesAsync()).Where(d => d.IncidentId != second.IncidentId),
            d => Assert.Equal("the target is no longer configured or not active", d.LastError));
        Assert.Contains(first.IncidentId, (await engine.DeliveriesAsync()).Select(d => d.IncidentId));
    }

    private static async Task<DeliveryEnvelope> MessageOfAsync(EngineHarness engine, IEnumerable<DeliveryEnvelope> messages, string incidentId)
    {
        var delivery = Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(IncidentId: incidentId)));
        return messages.Single(m => m.DeliveryId == delivery.DeliveryId);
    }
}

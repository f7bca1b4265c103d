using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>Every delivery ends delivered or failed within its attempts, whatever throws after it was claimed.</summary>
public sealed class BoundedDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Alert_content_that_becomes_unreadable_while_a_retry_waits_ends_failed_within_the_attempts()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, maxAttempts: 3, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Respond = (_, _) => new DeliveryOutcome.Retryable("slack webhook error: 503 Service Unavailable");
        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        // The alert's row sits beside its deliveries.
        var alerts = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        var row = (await alerts.QueryAsync<TableEntity>(e => e.PartitionKey == engine.Org).ToListAsync()).Single(e => e.RowKey.StartsWith(AlertStore.RowKeyPrefix, StringComparison.Ordinal));
        // The first attempt runs and asks for a retry; then the alert's content stops being readable.
        var messages = (await engine.Queue.ReceiveMessagesAsync(1)).Value;
        await engine.Processor.ProcessAsync(DeliveryEnvelope.Parse(messages[0].MessageText), CancellationToken.None);
        await engine.Queue.DeleteMessageAsync(messages[0].MessageId, messages[0].PopReceipt);
        row["Notification"] = "{ not json";
        await alerts.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        // The instance that wrote or read an alert keeps it (alerts never change): the retries run on another one,
        // which has to read the content from storage.
        await using var other = Create(azurite, adminEmail: null, teamsWebhook: null, maxAttempts: 3, firstBackoff: TimeSpan.Zero, organizationId: engine.Org, queueName: engine.Queue.Name);

        var handled = await other.DrainAsync();

        Assert.Equal(2, handled);
        var failed = Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(IncidentId: accepted.IncidentId)));
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal("internal error before sending: JsonException (gave up after 3 attempts)", failed.LastError);
        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
        Assert.Equal(0, other.Channels[TestIntegrations.Slack].Calls);
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task A_message_waits_for_another_lease_at_most_three_times_then_leaves_it_to_the_host_count()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var received = Assert.Single((await engine.Queue.ReceiveMessagesAsync(1)).Value);
        await engine.Queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        var message = DeliveryEnvelope.Parse(received.MessageText);
        var record = (await engine.Ledger.GetAsync(engine.Org, message.DeliveryId, CancellationToken.None))!;
        // Someone else holds the lease for an hour.
        await engine.Ledger.TryUpdateAsync(record with { Status = DeliveryStatus.Sending, LeaseUntil = engine.Clock.GetUtcNow().AddHours(1) }, CancellationToken.None);

        Assert.Equal(ProcessResult.Deferred, await engine.Processor.ProcessAsync(message, CancellationToken.None));
        var deferred = (await engine.Queue.PeekMessagesAsync(32)).Value;
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.Processor.ProcessAsync(message with { Deferrals = 3 }, CancellationToken.None));

        // The deferred copy counts its wait; it is not visible before the lease ends.
        Assert.Empty(deferred);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());
        Assert.Equal(0, engine.Channels[TestIntegrations.Slack].Calls);
    }
}

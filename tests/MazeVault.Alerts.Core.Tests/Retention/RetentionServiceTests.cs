using System.Globalization;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Retention;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Retention;

/// <summary>
/// The retention run on Azurite with the engine's clock moved on: expired rows of every kind are deleted, fresh ones
/// and alerts with a delivery in flight are kept, and a second run finds nothing left to delete.
/// </summary>
public sealed class RetentionServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Expired_rows_of_every_kind_are_deleted_and_fresh_and_in_flight_ones_kept()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook)]);
        var audit = engine.Services.GetRequiredService<AuditLog>();

        // Day 0: a delivered alert whose content is a blob, an alert still queued, 150 audit events (two transactions),
        // a key, a handled rotation execution with its daily count, an alert as the version before stored it, and the
        // quota counters of a minute's incidents and a day's emails.
        var old = await DispatchAsync(engine, "cert-old", content: new string('x', 40_000));
        await engine.DrainAsync();
        var inFlight = await DispatchAsync(engine, "cert-queued");
        for (var i = 0; i < 150; i++)
        {
            await audit.RecordAsync(Event(engine, i), None);
        }

        await KeyAsync(engine, "old-key");
        await RotationFailureAsync(engine, "old-execution");
        var legacy = await TableAsync(engine, TableNames.Alerts);
        await legacy.AddEntityAsync(new TableEntity(engine.Org, "legacy-alert") { ["CreatedAt"] = engine.Clock.GetUtcNow() });
        var oldRotationRows = await KeysAsync(engine, TableNames.RotationExecutions);
        await TakeQuotasAsync(engine);

        // Day 300: an audit event, past the delivery retention (90 days) and within the audit one (400).
        engine.Clock.Advance(TimeSpan.FromDays(300));
        await audit.RecordAsync(Event(engine, 1000), None);

        // Day 401: everything of day 0 is past its time; these are fresh.
        engine.Clock.Advance(TimeSpan.FromDays(101));
        var fresh = await DispatchAsync(engine, "cert-fresh");
        await engine.DrainAsync();
        await audit.RecordAsync(Event(engine, 2000), None);
        await KeyAsync(engine, "fresh-key");
        await RotationFailureAsync(engine, "fresh-execution");
        var freshQuotaRows = await TakeQuotasAsync(engine);
        // The queued alert's message was drained above with the others: queued again, it is in flight once more.
        await SetStatusAsync(engine, inFlight, DeliveryStatus.Retrying);

        var summary = await engine.Services.GetRequiredService<RetentionService>().RunAsync(None);

        var ledger = await KeysAsync(engine, TableNames.Deliveries);
        Assert.DoesNotContain(AlertStore.RowKeyPrefix + old, ledger);
        Assert.Contains(AlertStore.RowKeyPrefix + inFlight, ledger);
        Assert.Contains(AlertStore.RowKeyPrefix + fresh, ledger);
        var deliveries = await engine.DeliveriesAsync();
        Assert.DoesNotContain(deliveries, d => d.AlertId == old);
        Assert.Single(deliveries, d => d.AlertId == inFlight);
        Assert.Single(deliveries, d => d.AlertId == fresh);
        Assert.False(await ContentBlobExistsAsync(engine, old));
        var events = (await audit.ReadAsync(engine.Org, new AuditQuery { Limit = 200 }, None)).Items;
        Assert.Equal(["s-2000", "s-1000"], events.Where(e => e.EventType == "TEST_EVENT").Select(e => e.SubjectId));
        Assert.Equal([IdempotencyRowKey("fresh-key")], await KeysAsync(engine, TableNames.IdempotencyKeys));
        var rotationRows = await KeysAsync(engine, TableNames.RotationExecutions);
        Assert.Equal(2, rotationRows.Count);
        Assert.Empty(rotationRows.Intersect(oldRotationRows));
        Assert.Empty(await KeysAsync(engine, TableNames.Alerts));
        // The counters of the current minute and day are still counting; those of day 0 are gone.
        Assert.Equal(freshQuotaRows, await KeysAsync(engine, TableNames.Quotas));
        // The rotation failure's own alert and delivery of day 0 went with the other deliveries.
        Assert.Equal(new RetentionSummary(Deliveries: 2, Alerts: 3, ContentBlobs: 1, AuditEvents: 150, IdempotencyKeys: 1, RotationExecutions: 2, QuotaCounters: 2), summary);
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message.StartsWith("[Retention] Retention done", StringComparison.Ordinal)
            && r.Message.Contains("deleted 2 deliveries, 3 alerts (1 content blobs), 150 audit events, 1 idempotency keys, 2 rotation executions, 2 quota counters", StringComparison.Ordinal));

        Assert.Equal(new RetentionSummary(0, 0, 0, 0, 0, 0, 0), await engine.Services.GetRequiredService<RetentionService>().RunAsync(None));
    }

    [Fact]
    public async Task A_row_changed_since_the_run_read_it_is_kept_and_the_rest_of_its_transaction_deleted()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        // A table of its own: the retention run of the other test would judge these rows too.
        var table = engine.Services.GetRequiredService<StorageClients>().Table("Batch" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        var rows = Enumerable.Range(0, 3).Select(i => new TableEntity(engine.Org, $"op-{i}")).ToList();
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row);
        }

        var read = await table.QueryAsync<TableEntity>(e => e.PartitionKey == engine.Org).ToListAsync();
        // Written again after the read: its ETag no longer matches.
        await table.UpdateEntityAsync(rows[1], Azure.ETag.All, TableUpdateMode.Replace);
        // Deleted meanwhile (another run).
        await table.DeleteEntityAsync(rows[2].PartitionKey, rows[2].RowKey);

        Assert.Equal(1, await TableBatchDelete.DeleteAsync(table, read.ToAsyncEnumerable(), None));

        Assert.Equal(["op-1"], await table.QueryAsync<TableEntity>().Select(e => e.RowKey).ToListAsync());
    }

    [Fact]
    public async Task Transactions_in_flight_together_delete_every_row_of_every_partition_and_count_each_once()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        var table = engine.Services.GetRequiredService<StorageClients>().Table("Batch" + Guid.NewGuid().ToString("N"));
        await table.CreateAsync();
        // Three partitions of 250 rows: 9 transactions, more than run at once, two of them partial (a partition's end).
        var partitions = new[] { "org-a", "org-b", "org-c" };
        foreach (var partition in partitions)
        {
            foreach (var chunk in Enumerable.Range(0, 250).Chunk(TableGroupCommit.MaxRows))
            {
                await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"row-{i:D3}"))));
            }
        }

        var read = await table.QueryAsync<TableEntity>().ToListAsync();
        // Changed after the read, in the middle partition's second transaction: only it stays.
        await table.UpdateEntityAsync(new TableEntity("org-b", "row-150"), Azure.ETag.All, TableUpdateMode.Replace);

        Assert.Equal(749, await TableBatchDelete.DeleteAsync(table, read.ToAsyncEnumerable(), None));

        Assert.Equal(["org-b/row-150"], await table.QueryAsync<TableEntity>().Select(e => $"{e.PartitionKey}/{e.RowKey}").ToListAsync());
    }

    private static async Task<string> DispatchAsync(EngineHarness engine, string certificateId, string? content = null)
    {
        var alert = AlertFactory.CertificateExpiry(new Certificate
        {
            Id = certificateId, OrganizationId = engine.Org, Subject = "CN=" + certificateId, NotAfter = engine.Clock.GetUtcNow().AddDays(10),
        }, engine.Clock.GetUtcNow());
        if (content is not null)
        {
            alert = alert with { Notification = alert.Notification with { Message = content } };
        }

        var targets = await engine.Services.GetRequiredService<DeliveryPlan>().ForOrganizationAsync(engine.Org, None);
        Assert.Equal(1, await engine.Services.GetRequiredService<DeliveryDispatcher>().DispatchAsync(alert, targets, None));
        return alert.Id;
    }

    private static async Task SetStatusAsync(EngineHarness engine, string alertId, DeliveryStatus status)
    {
        var delivery = Assert.Single(await engine.DeliveriesAsync(), d => d.AlertId == alertId);
        Assert.NotNull(await engine.Ledger.TryUpdateAsync(delivery with { Status = status }, None));
    }

    private static AuditEvent Event(EngineHarness engine, int subject) =>
        new(engine.Org, "TEST_EVENT", engine.Clock.GetUtcNow(), $"s-{subject}", new Dictionary<string, string>());

    private static Task<int> KeyAsync(EngineHarness engine, string key) =>
        engine.Services.GetRequiredService<IdempotencyStore>().RunAsync(engine.Org, "op", key, "fingerprint", () => Task.FromResult(1), None);

    /// <summary>Counts an incident and an email now; the organization's counter rows (this minute's and this day's) after it.</summary>
    private static async Task<List<string>> TakeQuotasAsync(EngineHarness engine)
    {
        var quotas = engine.Services.GetRequiredService<OrganizationQuotas>();
        await quotas.TakeIncidentAsync(engine.Org, None);
        Assert.True(await quotas.TryTakeEmailAsync(engine.Org, None));
        var today = $"|{engine.Clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        var rows = (await KeysAsync(engine, TableNames.Quotas)).Where(key => key.Contains(today, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        return rows;
    }

    private static string IdempotencyRowKey(string key) => $"op-{AlertIds.Hash(key)}";

    private static async Task RotationFailureAsync(EngineHarness engine, string executionId)
    {
        var config = new RotationConfig
        {
            Id = "rotation-1", OrganizationId = engine.Org, SecretName = "db-password", Status = RotationStatus.Failed,
            LastError = "vault refused", NotificationEmails = ["owner@example.com"],
        };
        await engine.Inventory.UpsertRotationConfigAsync(config, None);
        Assert.Equal(1, await engine.Services.GetRequiredService<RotationFailureNotifier>().NotifyAsync(config, executionId, None));
        await engine.DrainAsync();
    }

    private static Task<TableClient> TableAsync(EngineHarness engine, string name) =>
        engine.Services.GetRequiredService<TableProvider>().GetAsync(name, None);

    private static async Task<List<string>> KeysAsync(EngineHarness engine, string tableName)
    {
        var table = await TableAsync(engine, tableName);
        return await table.QueryAsync<TableEntity>(e => e.PartitionKey == engine.Org).Select(e => e.RowKey).ToListAsync();
    }

    private static async Task<bool> ContentBlobExistsAsync(EngineHarness engine, string alertId)
    {
        var container = engine.Services.GetRequiredService<StorageClients>().BlobService.GetBlobContainerClient(BlobContainerNames.AlertContent);
        return (await container.GetBlobClient($"{engine.Org}/{alertId}.json").ExistsAsync()).Value;
    }
}

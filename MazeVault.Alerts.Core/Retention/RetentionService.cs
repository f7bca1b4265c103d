using System.Diagnostics;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Retention;

/// <summary>
/// The daily retention run: deletes deliveries, alerts (rows and content blobs), audit events, Idempotency-Key claims and
/// handled rotation executions past their <see cref="RetentionOptions"/>, and quota counters whose window has ended. An
/// alert with a delivery still in flight (queued, sending, retrying) is kept whole, its deliveries with it. Every delete is conditional on the row as read, so
/// a rerun, or a run interrupted and started again, deletes only what is left (see docs/architecture.md, "Retention").
/// </summary>
public sealed class RetentionService(
    TableProvider tables,
    StorageClients clients,
    AuditLog audit,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionService> logger)
{
    private static readonly string[] InFlight = [nameof(DeliveryStatus.Queued), nameof(DeliveryStatus.Sending), nameof(DeliveryStatus.Retrying)];

    public async Task<RetentionSummary> RunAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var deliveryCutoff = now.AddDays(-settings.DeliveryDays);
        var inFlight = await AlertsInFlightAsync(ct);
        var alerts = new AlertDeletions();
        var deliveries = await DeleteAsync(TableNames.Deliveries, table => ExpiredLedgerRowsAsync(table, deliveryCutoff, inFlight, alerts, ct), ct);
        // Alerts written by earlier versions, in their own table (RowKey = alert id).
        var legacyAlerts = await DeleteAsync(TableNames.Alerts, table => ExpiredLegacyAlertsAsync(table, deliveryCutoff, inFlight, alerts, ct), ct);
        var summary = new RetentionSummary(
            Deliveries: deliveries - alerts.Rows,
            Alerts: alerts.Rows + legacyAlerts,
            ContentBlobs: alerts.ContentBlobs,
            AuditEvents: await DeleteAsync(TableNames.AuditEvents, _ => audit.OccurredBeforeAsync(now.AddDays(-settings.AuditDays), ct), ct),
            IdempotencyKeys: await DeleteAsync(TableNames.IdempotencyKeys, table => MatchingAsync(table, TableClient.CreateQueryFilter($"ClaimedAt lt {now.AddDays(-settings.IdempotencyKeyDays)}"), ct), ct),
            RotationExecutions: await DeleteAsync(TableNames.RotationExecutions, table => ExpiredRotationRowsAsync(table, now.AddDays(-settings.RotationExecutionDays), ct), ct),
            QuotaCounters: await DeleteAsync(TableNames.Quotas, table => MatchingAsync(table, TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), ct), ct));
        logger.LogInformation(
            "[Retention] Retention done in {ElapsedMs} ms: deleted {Deliveries} deliveries, {Alerts} alerts ({ContentBlobs} content blobs), {AuditEvents} audit events, {IdempotencyKeys} idempotency keys, {RotationExecutions} rotation executions, {QuotaCounters} quota counters; kept {AlertsInFlight} alerts with a delivery in flight",
            (long)clock.GetElapsedTime(started).TotalMilliseconds, summary.Deliveries, summary.Alerts, summary.ContentBlobs,
            summary.AuditEvents, summary.IdempotencyKeys, summary.RotationExecutions, summary.QuotaCounters, inFlight.Count);
        return summary;
    }

    private async Task<long> DeleteAsync(string tableName, Func<TableClient, IAsyncEnumerable<TableEntity>> expired, CancellationToken ct)
    {
        var table = await tables.GetAsync(tableName, ct);
        return await TableBatchDelete.DeleteAsync(table, expired(table), ct);
    }

    /// <summary>
    /// (organization, alert id) of every delivery in flight, read before anything is deleted. A dispatch that meets its
    /// alert's row deleted since (a rerun of an old report) writes the row again in the transaction of its deliveries.
    /// </summary>
    private async Task<HashSet<(string Organization, string AlertId)>> AlertsInFlightAsync(CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        var filter = string.Join(" or ", InFlight.Select(status => TableClient.CreateQueryFilter($"Status eq {status}")));
        var alerts = new HashSet<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "AlertId"], cancellationToken: ct))
        {
            alerts.Add((row.PartitionKey, row.GetString("AlertId")));
        }

        return alerts;
    }

    /// <summary>
    /// Finished deliveries unchanged since the cutoff and alert rows raised before it, both of alerts with nothing in
    /// flight. Their keys hold no time (hashes), so this reads every row created before the cutoff: a filtered scan of the
    /// table, one request per 1,000 rows returned (docs/architecture.md, "Retention").
    /// </summary>
    private async IAsyncEnumerable<TableEntity> ExpiredLedgerRowsAsync(
        TableClient table, DateTimeOffset cutoff, HashSet<(string, string)> inFlight, AlertDeletions alerts, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "AlertId", "Status", "UpdatedAt", "NotificationBlob"], cancellationToken: ct))
        {
            if (row.RowKey.StartsWith(AlertStore.RowKeyPrefix, StringComparison.Ordinal))
            {
                if (!inFlight.Contains((row.PartitionKey, row.RowKey[AlertStore.RowKeyPrefix.Length..])))
                {
                    await alerts.DeleteContentAsync(clients, row, ct);
                    alerts.Rows++;
                    yield return row;
                }
            }
            else if (!InFlight.Contains(row.GetString("Status")) && row.GetDateTimeOffset("UpdatedAt") < cutoff
                && !inFlight.Contains((row.PartitionKey, row.GetString("AlertId"))))
            {
                yield return row;
            }
        }
    }

    private async IAsyncEnumerable<TableEntity> ExpiredLegacyAlertsAsync(
        TableClient table, DateTimeOffset cutoff, HashSet<(string, string)> inFlight, AlertDeletions alerts, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "NotificationBlob"], cancellationToken: ct))
        {
            if (!inFlight.Contains((row.PartitionKey, row.RowKey)))
            {
                await alerts.DeleteContentAsync(clients, row, ct);
                yield return row;
            }
        }
    }

    /// <summary>
    /// The keys of the rows <paramref name="filter"/> matches: Idempotency-Key claims made before the cutoff (keys hash the
    /// caller's key) and quota counters whose window ended (<c>ExpiresAt</c> is the window's end), both filtered scans.
    /// </summary>
    private static IAsyncEnumerable<TableEntity> MatchingAsync(TableClient table, string filter, CancellationToken ct) =>
        table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct);

    /// <summary>
    /// Executions claimed and daily counts of days before the cutoff. A count's time is only in its key (after the config
    /// id), so every row is read: the table holds a row per failed execution and per failing config and day.
    /// </summary>
    private static async IAsyncEnumerable<TableEntity> ExpiredRotationRowsAsync(TableClient table, DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "ClaimedAt"], cancellationToken: ct))
        {
            if (RotationFailureNotifier.RowTime(row) < cutoff)
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// The alert rows of the ledger handed to deletion, and the content blobs deleted. A blob goes before its row: a row
    /// left by an interrupted run is deleted by the next one, while a blob whose row was gone would be found by nothing.
    /// </summary>
    private sealed class AlertDeletions
    {
        private BlobContainerClient? _container;

        public long ContentBlobs { get; private set; }

        public long Rows { get; set; }

        public async Task DeleteContentAsync(StorageClients clients, TableEntity alertRow, CancellationToken ct)
        {
            if (alertRow.GetString("NotificationBlob") is not { } blobName)
            {
                return;
            }

            _container ??= clients.BlobService.GetBlobContainerClient(BlobContainerNames.AlertContent);
            if ((await _container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: ct)).Value)
            {
                ContentBlobs++;
            }
        }
    }
}

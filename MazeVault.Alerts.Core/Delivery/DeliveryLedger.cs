using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// The delivery ledger in table <c>Deliveries</c>. Every change after creation presents the ETag it read, so two
/// handlers of the same delivery cannot both claim it (see docs/architecture.md).
/// </summary>
public sealed class DeliveryLedger(TableProvider tables, TableGroupCommit groupCommit, IntegrationHealthStore health, TimeProvider clock)
{
    private const int MaxBatch = TableGroupCommit.MaxRows;
    private const string WriteIdProperty = "WriteId";
    private const string DeliveryKeyFrom = "d-";
    private const string DeliveryKeyTo = "d.";

    /// <summary>
    /// A queued row whose message was sent less than this ago is left alone by a rerun: the message is on its way. Older,
    /// the message may have been lost (a crash between the ledger write and the enqueue), and the rerun sends it again.
    /// </summary>
    public static readonly TimeSpan RequeueGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Creates the alert's row and the queued rows of its new deliveries in one transaction (per 100 rows; shared with
    /// other alerts of the organization being dispatched at the same moment, see <see cref="TableGroupCommit"/>), and
    /// returns whether this call added the alert row, and the deliveries that need a queue message: the new ones, and a
    /// row still queued from an earlier run whose message may have been lost, claimed (ETag) so that of concurrent
    /// reruns exactly one sends it.
    /// </summary>
    public async Task<(bool AlertAdded, IReadOnlyList<DeliveryRecord> ToEnqueue)> AddQueuedAsync(
        TableEntity alertRow, IReadOnlyList<DeliveryRecord> records, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        // Marks the rows as this call's: a write whose answer was lost (the SDK's retry, a shared transaction that
        // failed after its commit) finds them on the rerun path and still sends their messages.
        var writeId = Guid.NewGuid().ToString("N");
        var toEnqueue = new List<DeliveryRecord>(records.Count);
        var alertAdded = false;
        // The alert row rides in the first transaction: its deliveries never exist without it.
        List<(DeliveryRecord? Record, TableEntity Entity)> rows = [(null, alertRow), .. records.Select(r => ((DeliveryRecord?)r, ToEntity(r)))];
        foreach (var (_, entity) in rows)
        {
            entity[WriteIdProperty] = writeId;
        }

        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var added = await TryAddTogetherAsync(table, chunk.Select(r => r.Entity).ToList(), ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (record, entity) = chunk[i];
                if (added is not null)
                {
                    // Each added row's ETag comes back in the transaction's answer, in order: the handler claims with it.
                    alertAdded |= record is null;
                    if (record is not null)
                    {
                        toEnqueue.Add(record with { ETag = added[i] });
                    }
                }
                else if (record is null)
                {
                    // A rerun: some rows exist. Add the rest one by one and keep the existing ones' state.
                    alertAdded = await TableWrites.TryAddAsync(table, entity, ct);
                }
                else if (await AddOrGetAsync(table, record, entity, ct) is { } row && await ClaimRequeueAsync(row, ct) is { } queued)
                {
                    toEnqueue.Add(queued);
                }
            }
        }

        return (alertAdded, toEnqueue);
    }

    public async Task<DeliveryRecord?> GetAsync(string organizationId, string deliveryId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, deliveryId, cancellationToken: ct);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Replaces the row if it still has <paramref name="record"/>'s ETag; null when someone else changed it first.</summary>
    public async Task<DeliveryRecord?> TryUpdateAsync(DeliveryRecord record, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag!), TableUpdateMode.Replace, ct);
            await RecordHealthAsync(record, ct);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>An attempt's end, on its integration's health badge (legacy recipients and contacts have no badge).</summary>
    private async Task RecordHealthAsync(DeliveryRecord record, CancellationToken ct)
    {
        var status = record.Status switch
        {
            DeliveryStatus.Delivered => "ok",
            DeliveryStatus.Failed or DeliveryStatus.Retrying => "error",
            DeliveryStatus.Skipped => "skipped",
            _ => null,
        };
        if (status is null || record.Attempts.Count == 0 || DeliveryPlan.IntegrationIdOf(record.Target) is not { } integrationId)
        {
            return;
        }

        var last = record.Attempts[^1];
        try
        {
            await health.RecordAsync(record.OrganizationId, integrationId, new IntegrationHealth(status, last.StartedAt, last.Outcome, last.Reason), ct);
        }
        catch (RequestFailedException)
        {
            // The badge is a convenience: the delivery's own record stands, and the next attempt's end rewrites the badge.
        }
    }

    /// <summary>Streams one organization's deliveries that match, page by page.</summary>
    public async IAsyncEnumerable<DeliveryRecord> QueryAsync(
        string organizationId, DeliveryQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        await foreach (var entity in table.QueryAsync<TableEntity>(Filter(organizationId, query), cancellationToken: ct))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>One page of the organization's deliveries that match, in delivery id order.</summary>
    public async Task<ListPage<DeliveryRecord>> QueryAsync(string organizationId, DeliveryQuery query, PageRequest page, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        return (await TablePages.ReadAsync(table, Filter(organizationId, query), page, ct)).Select(FromEntity);
    }

    private static string Filter(string organizationId, DeliveryQuery query)
    {
        // Delivery ids start "d-"; the alert rows beside them ("alert-...") stay out of the range.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ge {DeliveryKeyFrom} and RowKey lt {DeliveryKeyTo}");
        if (query.AlertId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AlertId eq {query.AlertId}");
        }

        if (query.IncidentId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"IncidentId eq {query.IncidentId}");
        }

        if (query.Status is { } status)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status.ToString()}");
        }

        return filter;
    }

    /// <summary>The row itself when this call added it; a queued row past the grace when this call wins the claim; else null.</summary>
    private async Task<DeliveryRecord?> ClaimRequeueAsync((DeliveryRecord Row, bool Added) found, CancellationToken ct)
    {
        var row = found.Row;
        if (found.Added)
        {
            return row;
        }

        var now = clock.GetUtcNow();
        if (row.Status != DeliveryStatus.Queued || (row.EnqueuedAt is { } sent && now - sent < RequeueGrace))
        {
            return null;
        }

        return await TryUpdateAsync(row with { EnqueuedAt = now, UpdatedAt = now }, ct);
    }

    /// <summary>The rows' ETags when one transaction added them all (shared or not); null when a row exists: a rerun.</summary>
    private async Task<IReadOnlyList<string?>?> TryAddTogetherAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken ct)
    {
        try
        {
            return await groupCommit.AddAsync(table, rows, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// The row this call added (with its ETag; also when an earlier write of this call added it and its answer was
    /// lost), or the one already there; null when it vanished in between.
    /// </summary>
    private static async Task<(DeliveryRecord Row, bool Added)?> AddOrGetAsync(TableClient table, DeliveryRecord record, TableEntity entity, CancellationToken ct)
    {
        try
        {
            var added = await table.AddEntityAsync(entity, ct);
            return (record with { ETag = added.Headers.ETag?.ToString() }, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(record.OrganizationId, record.DeliveryId, cancellationToken: ct);
            return existing.HasValue && existing.Value is { } row
                ? (FromEntity(row), row.GetString(WriteIdProperty) == entity.GetString(WriteIdProperty))
                : null;
        }
    }

    private static TableEntity ToEntity(DeliveryRecord r) => new(r.OrganizationId, r.DeliveryId)
    {
        ["AlertId"] = r.AlertId,
        ["IncidentId"] = r.IncidentId,
        ["Target"] = r.Target,
        ["Channel"] = r.Channel,
        ["TargetName"] = r.TargetName,
        ["Status"] = r.Status.ToString(),
        ["Attempt"] = r.Attempt,
        ["LastError"] = r.LastError,
        ["Detail"] = r.Detail,
        ["LeaseUntil"] = r.LeaseUntil,
        ["NextAttemptAt"] = r.NextAttemptAt,
        ["EnqueuedAt"] = r.EnqueuedAt,
        // The history's attempts ride on the row the processor writes anyway: no request of their own.
        ["Attempts"] = r.Attempts.Count == 0 ? null : JsonSerializer.Serialize(r.Attempts),
        ["CreatedAt"] = r.CreatedAt,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    private static DeliveryRecord FromEntity(TableEntity e) => new()
    {
        OrganizationId = e.PartitionKey,
        DeliveryId = e.RowKey,
        AlertId = e.GetString("AlertId"),
        IncidentId = e.GetString("IncidentId"),
        Target = e.GetString("Target"),
        Channel = e.GetString("Channel"),
        TargetName = e.GetString("TargetName"),
        Status = Enum.Parse<DeliveryStatus>(e.GetString("Status")),
        Attempt = e.GetInt32("Attempt") ?? 1,
        LastError = e.GetString("LastError"),
        Detail = e.GetString("Detail"),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt"),
        EnqueuedAt = e.GetDateTimeOffset("EnqueuedAt"),
        Attempts = e.GetString("Attempts") is { } attempts ? JsonSerializer.Deserialize<List<DeliveryAttempt>>(attempts)! : [],
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}

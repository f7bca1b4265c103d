using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// The delivery ledger in table <c>Deliveries</c>. Every change after creation presents the ETag it read, so two
/// handlers of the same delivery cannot both claim it (see docs/architecture.md).
/// </summary>
public sealed class DeliveryLedger(TableProvider tables, TimeProvider clock)
{
    private const int MaxBatch = 100;
    private const string DeliveryKeyFrom = "d-";
    private const string DeliveryKeyTo = "d.";

    /// <summary>
    /// A queued row whose message was sent less than this ago is left alone by a rerun: the message is on its way. Older,
    /// the message may have been lost (a crash between the ledger write and the enqueue), and the rerun sends it again.
    /// </summary>
    public static readonly TimeSpan RequeueGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Creates the alert's row and the queued rows of its new deliveries in one transaction (per 100 rows), and returns
    /// whether this call added the alert row, and the deliveries that need a queue message: the new ones, and a row
    /// still queued from an earlier run whose message may have been lost, claimed (ETag) so that of concurrent reruns
    /// exactly one sends it.
    /// </summary>
    public async Task<(bool AlertAdded, IReadOnlyList<DeliveryRecord> ToEnqueue)> AddQueuedAsync(
        TableEntity alertRow, IReadOnlyList<DeliveryRecord> records, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
        var toEnqueue = new List<DeliveryRecord>(records.Count);
        var alertAdded = false;
        // The alert row rides in the first transaction: its deliveries never exist without it.
        var rows = records.Select(r => (Record: (DeliveryRecord?)r, Entity: ToEntity(r))).Prepend((null, alertRow));
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            try
            {
                // Each added row's ETag comes back in the transaction's answer, in order: the handler claims with it.
                var added = await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r.Entity)), ct);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (chunk[i].Record is { } record)
                    {
                        toEnqueue.Add(record with { ETag = added.Value[i].Headers.ETag?.ToString() });
                    }
                    else
                    {
                        alertAdded = true;
                    }
                }
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // A rerun: some rows exist. Add the rest one by one and keep the existing ones' state.
                foreach (var (record, entity) in chunk)
                {
                    if (record is null)
                    {
                        alertAdded = await TableWrites.TryAddAsync(table, entity, ct);
                    }
                    else if (await AddOrGetAsync(table, record, ct) is { } row && await ClaimRequeueAsync(row, ct) is { } queued)
                    {
                        toEnqueue.Add(queued);
                    }
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
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Streams one organization's deliveries that match, page by page.</summary>
    public async IAsyncEnumerable<DeliveryRecord> QueryAsync(
        string organizationId, DeliveryQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Deliveries, ct);
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

        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            yield return FromEntity(entity);
        }
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

    /// <summary>The row this call added (with its ETag), or the one already there; null when it vanished in between.</summary>
    private static async Task<(DeliveryRecord Row, bool Added)?> AddOrGetAsync(TableClient table, DeliveryRecord record, CancellationToken ct)
    {
        try
        {
            var added = await table.AddEntityAsync(ToEntity(record), ct);
            return (record with { ETag = added.Headers.ETag?.ToString() }, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(record.OrganizationId, record.DeliveryId, cancellationToken: ct);
            return existing.HasValue && existing.Value is { } entity ? (FromEntity(entity), false) : null;
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

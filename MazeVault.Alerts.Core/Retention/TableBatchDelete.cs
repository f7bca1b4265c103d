using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Retention;

/// <summary>
/// Deletes rows as a query streams them, in transactions of up to 100 rows of one partition (a query answers in key
/// order, so a partition's rows arrive together). Each row is deleted only if it still has the ETag it was read with.
/// </summary>
public static class TableBatchDelete
{
    /// <summary>
    /// Transactions submitted at once. One at a time, the query waited for each transaction's round trip before it asked
    /// for its next page, and each transaction for the previous one; a few in flight overlap them, few enough to stay
    /// far below a partition's throughput limit (2,000 entities a second).
    /// </summary>
    public const int TransactionsInFlight = 4;

    /// <summary>The rows deleted; a row already gone (a rerun, a run interrupted) or changed since it was read is left out.</summary>
    public static async Task<long> DeleteAsync(TableClient table, IAsyncEnumerable<TableEntity> rows, CancellationToken ct)
    {
        long deleted = 0;
        // The rows are read by one worker at a time (Parallel.ForEachAsync serialises the enumerator), so a query's side
        // effects stay in order; only the transactions overlap.
        await Parallel.ForEachAsync(Batches(rows, ct), new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = ct },
            async (batch, token) => Interlocked.Add(ref deleted, await SubmitAsync(table, batch, token)));
        return deleted;
    }

    private static async IAsyncEnumerable<List<TableEntity>> Batches(IAsyncEnumerable<TableEntity> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<TableEntity>(TableGroupCommit.MaxRows);
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (batch.Count == TableGroupCommit.MaxRows || (batch.Count > 0 && batch[0].PartitionKey != row.PartitionKey))
            {
                yield return batch;
                batch = new List<TableEntity>(TableGroupCommit.MaxRows);
            }

            batch.Add(row);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static async Task<int> SubmitAsync(TableClient table, List<TableEntity> batch, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), ct);
            return batch.Count;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            // A transaction is all or nothing: one row gone or changed fails it, so its rows go one by one.
            var deleted = 0;
            foreach (var row in batch)
            {
                try
                {
                    // The SDK answers a missing row with its 404 rather than an exception.
                    var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct);
                    deleted += response.Status == 404 ? 0 : 1;
                }
                catch (RequestFailedException single) when (single.Status is 404 or 412)
                {
                    // Gone already, or changed since read: the next run judges it again.
                }
            }

            return deleted;
        }
    }
}

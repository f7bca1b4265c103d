using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Group commit for row additions to one table partition: writers who arrive while that partition's transaction is in
/// flight wait for it, and the first of them then adds its rows and the others' in one transaction (up to 100 rows).
/// Nobody waits for a timer: a writer alone goes at once, and sharing happens only when writes queue up anyway. A daily
/// check that finds many alerts in one organization, or a burst of incidents, then costs a transaction per about ten
/// alerts instead of one each: fewer billed transactions, and less of the partition's request rate.
/// </summary>
public sealed class TableGroupCommit
{
    public const int MaxRows = 100;

    /// <summary>
    /// Characters of string values a shared transaction may carry. A transaction's body may not exceed 4 MiB, and JSON
    /// may escape a character to six bytes; the rows of one writer alone are never held to this.
    /// </summary>
    internal const long MaxSharedChars = 500_000;

    private readonly object _gate = new();

    /// <summary>Partitions with a transaction in flight, each with its writers waiting for the next, oldest first.</summary>
    private readonly Dictionary<string, List<Writer>> _inFlight = [];

    /// <summary>
    /// Adds <paramref name="rows"/> (one partition, at most <see cref="MaxRows"/>) in one transaction, possibly shared
    /// with other writers' rows, and returns each row's ETag in order; fails as
    /// <see cref="TableClient.SubmitTransactionAsync"/> of these rows alone would. When a shared transaction fails, each
    /// of its writers submits its rows again alone: the failure may be another writer's row, and a shared transaction
    /// is all or nothing (or, with its answer lost after the commit, all: the writer then meets its own rows).
    /// </summary>
    public async Task<IReadOnlyList<string?>> AddAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows.Count, MaxRows);
        var me = new Writer(rows);
        var partition = table.Name + "/" + rows[0].PartitionKey;
        lock (_gate)
        {
            if (_inFlight.TryGetValue(partition, out var waiting))
            {
                waiting.Add(me);
            }
            else
            {
                _inFlight[partition] = [];
                me.Outcome.SetResult(Outcome.Lead);
            }
        }

        // Not the caller's token: once queued, the rows may ride in the transaction of whoever leads next.
        var outcome = await me.Outcome.Task;
        if (ReferenceEquals(outcome, Outcome.Lead))
        {
            try
            {
                outcome = await LeadAsync(table, me, TakeWaiting(partition, me), ct);
            }
            finally
            {
                HandOver(partition);
            }
        }

        // After the hand-over, so that a writer going alone never holds up the partition's next shared transaction.
        return outcome.ETags ?? await SubmitAsync(table, rows, ct);
    }

    /// <summary>
    /// How many writers wait for the transaction in flight in <paramref name="table"/>'s partition
    /// <paramref name="partitionKey"/>: what a test that holds that transaction waits to see before it lets it finish.
    /// </summary>
    internal int WaitingWriters(TableClient table, string partitionKey)
    {
        lock (_gate)
        {
            return _inFlight.TryGetValue(table.Name + "/" + partitionKey, out var waiting) ? waiting.Count : 0;
        }
    }

    /// <summary>The leader's outcome: its rows' ETags, or (the shared transaction failed) to write alone.</summary>
    private static async Task<Outcome> LeadAsync(TableClient table, Writer me, List<Writer> batch, CancellationToken ct)
    {
        if (batch.Count == 1)
        {
            return new Outcome(await SubmitAsync(table, me.Rows, ct));
        }

        var others = batch.Skip(1).ToList();
        try
        {
            var etags = await SubmitAsync(table, batch.SelectMany(w => w.Rows).ToList(), ct);
            var offset = me.Rows.Count;
            foreach (var writer in others)
            {
                writer.Outcome.SetResult(new Outcome(etags.Skip(offset).Take(writer.Rows.Count).ToList()));
                offset += writer.Rows.Count;
            }

            return new Outcome(etags.Take(me.Rows.Count).ToList());
        }
        catch (Exception)
        {
            foreach (var writer in others)
            {
                writer.Outcome.TrySetResult(Outcome.WriteAlone);
            }

            return Outcome.WriteAlone;
        }
    }

    /// <summary>The leader and, oldest first, the waiting writers whose rows still fit one shared transaction.</summary>
    private List<Writer> TakeWaiting(string partition, Writer leader)
    {
        List<Writer> batch = [leader];
        var rows = leader.Rows.Count;
        var chars = leader.Chars;
        lock (_gate)
        {
            var waiting = _inFlight[partition];
            while (waiting.Count > 0 && rows + waiting[0].Rows.Count <= MaxRows && chars + waiting[0].Chars <= MaxSharedChars)
            {
                rows += waiting[0].Rows.Count;
                chars += waiting[0].Chars;
                batch.Add(waiting[0]);
                waiting.RemoveAt(0);
            }
        }

        return batch;
    }

    /// <summary>Makes the oldest waiting writer the next leader, or marks the partition idle.</summary>
    private void HandOver(string partition)
    {
        Writer? next = null;
        lock (_gate)
        {
            var waiting = _inFlight[partition];
            if (waiting.Count == 0)
            {
                _inFlight.Remove(partition);
            }
            else
            {
                next = waiting[0];
                waiting.RemoveAt(0);
            }
        }

        next?.Outcome.SetResult(Outcome.Lead);
    }

    private static async Task<IReadOnlyList<string?>> SubmitAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken ct)
    {
        var added = await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
        return added.Value.Select(response => response.Headers.ETag?.ToString()).ToList();
    }

    private sealed class Writer(IReadOnlyList<TableEntity> rows)
    {
        public IReadOnlyList<TableEntity> Rows { get; } = rows;

        public long Chars { get; } = rows.Sum(row => row.Sum(p => p.Key.Length + (p.Value is string s ? s.Length : 16)));

        public TaskCompletionSource<Outcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>What a waiting writer is told: lead the next transaction, its rows' ETags, or to write alone (no ETags).</summary>
    private sealed class Outcome(IReadOnlyList<string?>? etags)
    {
        public static readonly Outcome Lead = new(null);
        public static readonly Outcome WriteAlone = new(null);

        public IReadOnlyList<string?>? ETags { get; } = etags;
    }
}

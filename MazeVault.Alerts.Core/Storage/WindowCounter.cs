using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Counts of uses within a window (a minute, a UTC day), one table row per count, changed only by ETag-conditional
/// writes, so every instance counts against the same number; a lost race reads again. Uses of one count that arrive
/// while this instance is already reading or writing it wait and are counted together by the next write: a burst of an
/// organization's incidents or emails costs a read and a write per group instead of one each, and no race among
/// themselves. The first refusal of a window is told apart (the row remembers it), so a caller reports a limit once per
/// window, not once per refused use.
/// </summary>
public sealed class WindowCounter
{
    // Each lost race means another instance counted meanwhile, so a group waits at most as long as the writes that beat it.
    private const int MaxRaces = 1000;

    private readonly ConcurrentDictionary<(string Table, string Partition, string Row), Lane> _lanes = new();

    /// <summary>
    /// Adds <paramref name="amount"/> to the row's count unless that would pass <paramref name="limit"/>. The row records when
    /// it may go (<paramref name="expiresAt"/>: the retention timer deletes windows past it). Uses of one row share its
    /// window, so they share the limit and expiry of the use that starts the group.
    /// </summary>
    public Task<WindowTake> TryTakeAsync(
        TableClient table, string partitionKey, string rowKey, int amount, int limit, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var key = (table.Name, partitionKey, rowKey);
        var use = new Use(amount);
        var lane = _lanes.GetOrAdd(key, _ => new Lane());
        bool starts;
        lock (lane)
        {
            lane.Waiting.Add(use);
            starts = !lane.Counting;
            lane.Counting = true;
        }

        if (starts)
        {
            // Not awaited: each caller awaits its own outcome, while this loop counts every group that gathers meanwhile.
            _ = CountGroupsAsync(key, lane, table, limit, expiresAt);
        }

        return use.Outcome.Task.WaitAsync(ct);
    }

    private async Task CountGroupsAsync((string Table, string Partition, string Row) key, Lane lane, TableClient table, int limit, DateTimeOffset expiresAt)
    {
        while (true)
        {
            List<Use> group;
            lock (lane)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Counting = false;
                    // A caller still holding this lane finds it idle and starts counting on it: nothing is lost.
                    _lanes.TryRemove(new KeyValuePair<(string, string, string), Lane>(key, lane));
                    return;
                }

                group = [.. lane.Waiting];
                lane.Waiting.Clear();
            }

            try
            {
                // No caller's token: the group is every waiting caller's, and one leaving must not fail the others.
                var outcomes = await TakeAllAsync(table, key.Partition, key.Row, group.Select(u => u.Amount).ToList(), limit, expiresAt, CancellationToken.None);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Outcome.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception e)
            {
                group.ForEach(u => u.Outcome.TrySetException(e));
            }
        }
    }

    /// <summary>Counts the uses in order, each taken while it fits; one read and at most one conditional write per attempt.</summary>
    private static async Task<WindowTake[]> TakeAllAsync(
        TableClient table, string partitionKey, string rowKey, IReadOnlyList<int> amounts, int limit, DateTimeOffset expiresAt, CancellationToken ct)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
            var row = found.HasValue ? found.Value! : null;
            var count = row?.GetInt32("Count") ?? 0;
            var reported = row?.GetBoolean("Reported") == true;
            var outcomes = new WindowTake[amounts.Count];
            var total = count;
            var reportsNow = false;
            for (var i = 0; i < amounts.Count; i++)
            {
                // A smaller use may still fit after a refusal: the window stays reported.
                if (total + amounts[i] <= limit)
                {
                    total += amounts[i];
                    outcomes[i] = WindowTake.Taken;
                }
                else
                {
                    outcomes[i] = reported || reportsNow ? WindowTake.Refused : WindowTake.FirstRefused;
                    reportsNow |= !reported;
                }
            }

            if (total == count && !reportsNow)
            {
                return outcomes;
            }

            var next = new TableEntity(partitionKey, rowKey) { ["Count"] = total, ["Reported"] = reported || reportsNow, ["ExpiresAt"] = expiresAt };
            if (await TryWriteAsync(table, next, found, ct))
            {
                return outcomes;
            }
        }

        throw new InvalidOperationException($"The count {rowKey} of {partitionKey} lost {MaxRaces} races in a row.");
    }

    private static async Task<bool> TryWriteAsync(TableClient table, TableEntity entity, NullableResponse<TableEntity> read, CancellationToken ct)
    {
        try
        {
            await TableWrites.AddOrReplaceAsync(table, entity, read, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private sealed record Use(int Amount)
    {
        public TaskCompletionSource<WindowTake> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lane
    {
        public List<Use> Waiting { get; } = [];
        public bool Counting { get; set; }
    }
}

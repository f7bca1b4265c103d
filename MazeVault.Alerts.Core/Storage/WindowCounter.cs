using Azure;
using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// A count of uses within one window (a minute, a UTC day) in one table row, changed only by ETag-conditional writes, so
/// every instance counts against the same number; a lost race reads again. The first refusal of a window is told apart
/// (the row remembers it), so a caller reports a limit once per window, not once per refused use.
/// </summary>
internal static class WindowCounter
{
    // Each lost race means another request counted meanwhile, so a request waits at most as long as the requests that
    // beat it; a burst of concurrent reports of one organization (16 at once in the tests) loses a few dozen at worst.
    private const int MaxRaces = 1000;

    /// <summary>
    /// Adds <paramref name="amount"/> to the row's count unless that would pass <paramref name="limit"/>. The row records when
    /// it may go (<paramref name="expiresAt"/>: the retention timer or an operator can delete windows past it).
    /// </summary>
    public static async Task<WindowTake> TryTakeAsync(
        TableClient table, string partitionKey, string rowKey, int amount, int limit, DateTimeOffset expiresAt, CancellationToken ct)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
            var row = found.HasValue ? found.Value! : null;
            var count = row?.GetInt32("Count") ?? 0;
            if (count + amount > limit)
            {
                if (row?.GetBoolean("Reported") == true)
                {
                    return WindowTake.Refused;
                }

                var reported = new TableEntity(partitionKey, rowKey) { ["Count"] = count, ["Reported"] = true, ["ExpiresAt"] = expiresAt };
                if (await TryWriteAsync(table, reported, found, ct))
                {
                    return WindowTake.FirstRefused;
                }

                continue;
            }

            // A smaller use may still fit after a refusal: the window stays reported.
            var next = new TableEntity(partitionKey, rowKey) { ["Count"] = count + amount, ["Reported"] = row?.GetBoolean("Reported") ?? false, ["ExpiresAt"] = expiresAt };
            if (await TryWriteAsync(table, next, found, ct))
            {
                return WindowTake.Taken;
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
}

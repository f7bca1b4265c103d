using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// The small Organizations table: one row per organization that has written anything, so jobs can list
/// organizations without scanning the inventory.
/// </summary>
public sealed class OrganizationRegistry(TableProvider tables, TimeProvider time)
{
    private const string Partition = "org";
    // Known to exist in this process: later writes skip the upsert.
    private readonly ConcurrentDictionary<string, byte> _known = new();

    public async Task EnsureAsync(string organizationId, CancellationToken ct)
    {
        if (_known.ContainsKey(organizationId))
        {
            return;
        }

        var table = await tables.GetAsync(TableNames.Organizations, ct);
        var entity = new TableEntity(Partition, organizationId) { ["FirstSeenAt"] = time.GetUtcNow() };
        // False when registered earlier (another process or a restart): nothing to do either way.
        await TableWrites.TryAddAsync(table, entity, ct);

        _known.TryAdd(organizationId, 0);
    }

    /// <summary>When the organization first wrote anything; null when it never did.</summary>
    public async Task<DateTimeOffset?> FirstSeenAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Organizations, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, organizationId, select: ["FirstSeenAt"], cancellationToken: ct);
        return row.HasValue ? row.Value!.GetDateTimeOffset("FirstSeenAt") : null;
    }

    public async IAsyncEnumerable<string> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Organizations, ct);
        var query = table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["RowKey"], cancellationToken: ct);
        await foreach (var page in query.AsPages().WithCancellation(ct))
        {
            foreach (var entity in page.Values)
            {
                yield return entity.RowKey;
            }
        }
    }
}

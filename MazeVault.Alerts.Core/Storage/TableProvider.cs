using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Table clients whose table exists: each table is created once per process if missing
/// (Bicep deploys them in Azure; Azurite starts empty).
/// </summary>
public sealed class TableProvider(StorageClients clients)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public Task<TableClient> GetAsync(string name, CancellationToken ct)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        return AwaitAsync(name, lazy, ct);
    }

    private async Task<TableClient> AwaitAsync(string name, Lazy<Task<TableClient>> lazy, CancellationToken ct)
    {
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch when (lazy.Value.IsFaulted)
        {
            // A failed creation (storage briefly down) must not stay cached for the life of the process.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = clients.Table(name);
        // Not the caller's token: one caller giving up must not fail the creation shared by all.
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}

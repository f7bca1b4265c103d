using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Tables and queues created on first use (Azurite and fresh accounts start empty; in Azure the Bicep template
/// already made them and the create is a no-op), once per process rather than once per call.
/// </summary>
public sealed class EnsuredStorage(StorageClients clients)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new();

    public Task<TableClient> TableAsync(string name) =>
        _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(async () =>
        {
            var table = clients.Table(n);
            await table.CreateIfNotExistsAsync();
            return table;
        })).Value;

    public Task<QueueClient> QueueAsync(string name) =>
        _queues.GetOrAdd(name, n => new Lazy<Task<QueueClient>>(async () =>
        {
            var queue = clients.Queue(n);
            await queue.CreateIfNotExistsAsync();
            return queue;
        })).Value;
}

using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// What someone with read access to the storage account would find: every property of every row of every table, every
/// queue message and every blob, searched for secret values as written, in Base64 and in hex.
/// </summary>
public static class StorageScan
{
    /// <summary>The ways a value could sit in storage without being encrypted.</summary>
    public static IReadOnlyList<string> Encodings(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(bytes);
        return [secret, base64, base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'), Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes)];
    }

    /// <summary>Each secret (by its index in <paramref name="secrets"/>) found anywhere, with where it was found.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(string connectionString, IReadOnlyList<string> secrets)
    {
        var found = new List<string>();
        void Check(string where, string text)
        {
            for (var i = 0; i < secrets.Count; i++)
            {
                if (Encodings(secrets[i]).Any(e => text.Contains(e, StringComparison.Ordinal)))
                {
                    found.Add($"secret #{i} in {where}");
                }
            }
        }

        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                Check($"table {table.Name} row {entity.PartitionKey}/{entity.RowKey}", string.Join('\n', entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }

        var queues = new QueueServiceClient(connectionString);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                Check($"queue {queue.Name}", message.Body.ToString());
            }
        }

        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                Check($"blob {container.Name}/{blob.Name}", (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
            }
        }

        return found;
    }
}

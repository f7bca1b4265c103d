using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Table, queue and blob clients for the same storage the Functions host uses (<c>AzureWebJobsStorage</c>):
/// a connection string locally (Azurite), or identity-based in Azure
/// (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__blobServiceUri</c>, <c>__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public StorageClients(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            TableService = new TableServiceClient(connectionString);
            // The queue trigger reads Base64, so everything we enqueue is Base64 too.
            QueueService = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            BlobService = new BlobServiceClient(connectionString);
            return;
        }

        var section = configuration.GetSection(ConnectionName);
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        var blobUri = section["blobServiceUri"];
        if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri) || string.IsNullOrWhiteSpace(blobUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} (a connection string) or {ConnectionName}__tableServiceUri, {ConnectionName}__queueServiceUri and {ConnectionName}__blobServiceUri (identity-based).");
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(section["clientId"])
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(section["clientId"]!));
        TableService = new TableServiceClient(new Uri(tableUri), credential);
        QueueService = new QueueServiceClient(new Uri(queueUri), credential, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        BlobService = new BlobServiceClient(new Uri(blobUri), credential);
    }

    public TableServiceClient TableService { get; }
    public QueueServiceClient QueueService { get; }
    public BlobServiceClient BlobService { get; }

    /// <summary>True when every endpoint is on this machine (Azurite or the storage emulator), never a real storage account.</summary>
    public bool IsLocalEmulator => IsLoopback(TableService.Uri) && IsLoopback(QueueService.Uri) && IsLoopback(BlobService.Uri);

    public TableClient Table(string name) => TableService.GetTableClient(name);
    public QueueClient Queue(string name) => QueueService.GetQueueClient(name);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}

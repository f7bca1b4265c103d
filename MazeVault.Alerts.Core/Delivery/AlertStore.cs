using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Alert content, as a row beside the alert's deliveries in table <c>Deliveries</c> (PartitionKey = organization, RowKey =
/// <c>alert-</c> + alert id), so that the dispatcher writes it in the ledger transaction that creates them: one request
/// fewer per alert. Rows written by earlier versions, in table <c>Alerts</c> (RowKey = alert id), are still read. A
/// notification too large for a table property (the weekly report with its CSV) is kept in a blob the row points to.
/// An alert never changes once written, so each instance keeps the ones it wrote or read for a while: the deliveries of
/// one alert read its row once per instance, not once each.
/// </summary>
public sealed class AlertStore(TableProvider tables, StorageClients clients, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private readonly RecentCache<Alert> _recent = new(clock, capacity: 1_000);

    // A table string property holds at most 64 KiB (32K UTF-16 characters); stay clear of it.
    internal const int MaxInlineNotificationChars = 30_000;
    private readonly Lazy<Task<BlobContainerClient>> _content = new(async () =>
    {
        var container = clients.BlobService.GetBlobContainerClient(BlobContainerNames.AlertContent);
        await container.CreateIfNotExistsAsync();
        return container;
    });

    /// <summary>Alert rows sort before the deliveries' <c>d-</c> keys, so a range of the ledger never meets one.</summary>
    public const string RowKeyPrefix = "alert-";

    /// <summary>
    /// The alert's row, for the transaction that creates its deliveries (the first write of an id wins: a transaction
    /// that meets the row is a rerun). Content too large for a property is uploaded first: a row never points at
    /// content that is not there.
    /// </summary>
    public async Task<TableEntity> ToRowAsync(Alert alert, CancellationToken ct)
    {
        var entity = new TableEntity(alert.OrganizationId, RowKeyPrefix + alert.Id)
        {
            ["Source"] = alert.Source.ToString(),
            ["Rule"] = alert.Rule,
            ["IncidentId"] = alert.IncidentId,
            ["CreatedAt"] = alert.CreatedAt,
        };
        var notification = JsonSerializer.Serialize(alert.Notification, Json);
        if (notification.Length <= MaxInlineNotificationChars)
        {
            entity["Notification"] = notification;
        }
        else
        {
            // Blob first, row second: a row never points at content that is not there. Same id, same content: overwrite is harmless.
            var blobName = $"{alert.OrganizationId}/{alert.Id}.json";
            var container = await _content.Value;
            await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(notification), overwrite: true, ct);
            entity["NotificationBlob"] = blobName;
        }

        return entity;
    }

    /// <summary>
    /// Keeps an alert whose row this instance added. Only then: when the row was already there (a rerun, a retried
    /// request) the stored alert is the alert, and this instance reads it like any other.
    /// </summary>
    public Task RememberAsync(Alert alert) =>
        _recent.GetOrReadAsync(Key(alert.OrganizationId, alert.Id), KeptFor, () => Task.FromResult<Alert?>(alert));

    public Task<Alert?> GetAsync(string organizationId, string alertId, CancellationToken ct) =>
        _recent.GetOrReadAsync(Key(organizationId, alertId), KeptFor, () => ReadAsync(organizationId, alertId, ct));

    private static string Key(string organizationId, string alertId) => organizationId + "\n" + alertId;

    private async Task<Alert?> ReadAsync(string organizationId, string alertId, CancellationToken ct)
    {
        var entity = await ReadRowAsync(TableNames.Deliveries, organizationId, RowKeyPrefix + alertId, ct)
            ?? await ReadRowAsync(TableNames.Alerts, organizationId, alertId, ct);
        if (entity is null)
        {
            return null;
        }

        return new Alert
        {
            Id = alertId,
            OrganizationId = organizationId,
            Source = Enum.Parse<AlertSource>(entity.GetString("Source")),
            Rule = entity.GetString("Rule"),
            IncidentId = entity.GetString("IncidentId"),
            Notification = JsonSerializer.Deserialize<Notification>(await NotificationJsonAsync(entity, ct), Json)!,
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        };
    }

    private async Task<TableEntity?> ReadRowAsync(string tableName, string organizationId, string rowKey, CancellationToken ct)
    {
        var table = await tables.GetAsync(tableName, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    private async Task<string> NotificationJsonAsync(TableEntity entity, CancellationToken ct)
    {
        if (entity.GetString("NotificationBlob") is not { } blobName)
        {
            return entity.GetString("Notification");
        }

        var container = await _content.Value;
        var content = await container.GetBlobClient(blobName).DownloadContentAsync(ct);
        return content.Value.Content.ToString();
    }
}

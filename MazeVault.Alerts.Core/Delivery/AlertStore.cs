using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>Alert content in table <c>Alerts</c> (PartitionKey = organization, RowKey = alert id); the first write of an id wins.</summary>
public sealed class AlertStore(EnsuredStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(Alert alert, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableNames.Alerts);
        var entity = new TableEntity(alert.OrganizationId, alert.Id)
        {
            ["Source"] = alert.Source.ToString(),
            ["Rule"] = alert.Rule,
            ["IncidentId"] = alert.IncidentId,
            ["Notification"] = JsonSerializer.Serialize(alert.Notification, Json),
            ["CreatedAt"] = alert.CreatedAt,
        };
        try
        {
            await table.AddEntityAsync(entity, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Same deterministic id: the same alert was already raised (a rerun, a retried request).
        }
    }

    public async Task<Alert?> GetAsync(string organizationId, string alertId, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableNames.Alerts);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, alertId, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } entity)
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
            Notification = JsonSerializer.Deserialize<Notification>(entity.GetString("Notification"), Json)!,
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
        };
    }
}

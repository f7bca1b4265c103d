using Azure.Data.Tables;

namespace MazeVault.Alerts.TestSupport;

/// <summary>What storage holds about one organization, to assert that a refused request wrote nothing.</summary>
public static class StorageSnapshot
{
    /// <summary>Every row of every table keyed by the organization (as partition or row), with its ETag, in a stable order.</summary>
    public static async Task<IReadOnlyList<string>> OfOrganizationAsync(string connectionString, string organizationId)
    {
        var rows = new List<string>();
        var tables = new TableServiceClient(connectionString);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} or RowKey eq {organizationId}");
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(filter))
            {
                rows.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey} {entity.ETag}");
            }
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }
}

using Azure.Data.Tables;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>Reads one page of a table query in key order, resuming after the RowKey a previous page ended at.</summary>
public static class TablePages
{
    /// <summary>
    /// The rows matching <paramref name="filter"/> (within one partition: the token holds a RowKey only) after
    /// <see cref="PageRequest.After"/>. One row more than a page is asked for, which tells whether another page follows.
    /// </summary>
    public static async Task<ListPage<TableEntity>> ReadAsync(
        TableClient table, string filter, PageRequest request, CancellationToken ct, IEnumerable<string>? select = null)
    {
        var wanted = request.Limit + 1;
        var after = request.After is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey gt {request.After}");
        var rows = new List<TableEntity>(wanted);
        await foreach (var entity in table.QueryAsync<TableEntity>($"({filter}){after}", maxPerPage: wanted, select, ct))
        {
            rows.Add(entity);
            if (rows.Count == wanted)
            {
                break;
            }
        }

        var more = rows.Count > request.Limit;
        var items = more ? rows.GetRange(0, request.Limit) : rows;
        return new ListPage<TableEntity>(items, more ? PageInput.Token(items[^1].RowKey) : null);
    }
}

using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.TestSupport;

/// <summary>Reads a paged list to its end, as a caller following continuation tokens would.</summary>
public static class ListPages
{
    public static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<ListPage<T>>> read, int limit = PageRequest.MaxLimit)
    {
        var all = new List<T>();
        string? after = null;
        do
        {
            var page = await read(new PageRequest(limit, after));
            all.AddRange(page.Items);
            after = page.ContinuationToken is { } token ? PageInput.Parse(null, token).After : null;
        }
        while (after is not null);

        return all;
    }
}

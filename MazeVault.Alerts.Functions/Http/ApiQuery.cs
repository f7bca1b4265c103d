using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace MazeVault.Alerts.Functions.Http;

/// <summary>Query string parameters of the HTTP API.</summary>
public static class ApiQuery
{
    /// <summary>
    /// The trimmed value, null when absent or blank. A repeated parameter would arrive joined with commas ("a,b"), which
    /// matches nothing or the wrong rows, so it is refused naming the parameter.
    /// </summary>
    public static string? Single(IQueryCollection query, string name) =>
        !query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()) ? null
        : values.Count == 1 ? values.ToString().Trim()
        : throw new ValidationException(name, "Give it at most once.");

    /// <summary>The page a list route reads: <c>limit</c> (1-200, default 50) and <c>continuationToken</c>; 400 naming either when bad.</summary>
    public static PageRequest Page(IQueryCollection query) => PageInput.Parse(Single(query, "limit"), Single(query, "continuationToken"));
}

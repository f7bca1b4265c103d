namespace MazeVault.Alerts.Core.Storage;

/// <summary>One page of a list; <see cref="ContinuationToken"/> reads the next, null on the last page.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken)
{
    public ListPage<TResult> Select<TResult>(Func<T, TResult> map) => new(Items.Select(map).ToList(), ContinuationToken);
}

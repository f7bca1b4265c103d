using System.Collections.Concurrent;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Values read from storage, kept for a while so that the deliveries of one alert do not each read the same row again.
/// Concurrent misses of one key share one read; a read that fails or finds nothing is not kept. Bounded by count: past
/// <paramref name="capacity"/> entries the cache starts over, which costs reads, never correctness.
/// </summary>
public sealed class RecentCache<TValue>(TimeProvider clock, int capacity)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, (Lazy<Task<TValue?>> Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    /// <summary>The kept value of <paramref name="key"/> if younger than <paramref name="maxAge"/>, else <paramref name="read"/>'s (zero: always read).</summary>
    public async Task<TValue?> GetOrReadAsync(string key, TimeSpan maxAge, Func<Task<TValue?>> read)
    {
        if (maxAge <= TimeSpan.Zero)
        {
            return await read();
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        var now = clock.GetUtcNow();
        var fresh = (new Lazy<Task<TValue?>>(read), now + maxAge);
        var entry = _entries.AddOrUpdate(key, fresh, (_, kept) => kept.Expires > now ? kept : fresh);
        try
        {
            var value = await entry.Value.Value;
            if (value is null)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }

            return value;
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// At most INTEGRATION_TEST_LIMIT tests of one integration in any INTEGRATION_TEST_WINDOW_SECONDS (a sliding window, kept
/// in memory per app instance): the Test action sends to a caller-chosen destination, so it must not be a free prober.
/// </summary>
public sealed class IntegrationTestLimiter(IOptions<IntegrationTestOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Organization, string Integration), Queue<DateTimeOffset>> _recent = new();

    /// <summary>Counts one test now, or returns how long to wait when the window is full.</summary>
    public TimeSpan? TryAcquire(string organizationId, string integrationId)
    {
        var window = TimeSpan.FromSeconds(options.Value.WindowSeconds);
        var now = clock.GetUtcNow();
        var recent = _recent.GetOrAdd((organizationId, integrationId), _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= options.Value.Limit)
            {
                return recent.Peek() + window - now;
            }

            recent.Enqueue(now);
            return null;
        }
    }
}

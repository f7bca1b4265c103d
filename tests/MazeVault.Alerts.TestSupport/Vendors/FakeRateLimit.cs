namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A vendor's rate limit on one path: at most <see cref="Requests"/> accepted in any window of <see cref="Per"/> (sliding,
/// the strictest way to count); a request above it is refused with 429 and a Retry-After in whole seconds.
/// </summary>
public sealed class FakeRateLimit(int requests, TimeSpan per)
{
    private readonly Queue<long> _accepted = new();
    private int _refused;

    public int Requests => requests;
    public TimeSpan Per => per;

    /// <summary>How many requests were answered 429.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Null when the request is within the limit (it counts); else how long until a place frees up.</summary>
    public TimeSpan? Admit()
    {
        var now = TimeProvider.System.GetTimestamp();
        lock (_accepted)
        {
            while (_accepted.Count > 0 && TimeProvider.System.GetElapsedTime(_accepted.Peek(), now) >= per)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count < requests)
            {
                _accepted.Enqueue(now);
                return null;
            }

            _refused++;
            return per - TimeProvider.System.GetElapsedTime(_accepted.Peek(), now);
        }
    }
}

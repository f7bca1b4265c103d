namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A vendor's rate limit on one path, counted as Slack and Atlassian describe theirs: a bucket of <see cref="Requests"/>
/// that refills <see cref="Requests"/> per <see cref="Per"/>, so a short burst passes but the average cannot exceed the
/// rate. A request that finds the bucket empty is refused with 429 and a Retry-After in whole seconds.
/// </summary>
public sealed class FakeRateLimit(int requests, TimeSpan per)
{
    private readonly Lock _lock = new();
    private double _tokens = requests;
    private long _refilledAt = TimeProvider.System.GetTimestamp();
    private int _refused;

    public int Requests => requests;
    public TimeSpan Per => per;

    /// <summary>How many requests were answered 429.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Null when the request is within the limit (it takes a token); else how long until a token is back.</summary>
    public TimeSpan? Admit()
    {
        var perToken = per / requests;
        lock (_lock)
        {
            var now = TimeProvider.System.GetTimestamp();
            _tokens = Math.Min(requests, _tokens + TimeProvider.System.GetElapsedTime(_refilledAt, now) / perToken);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return null;
            }

            _refused++;
            return perToken * (1 - _tokens);
        }
    }
}

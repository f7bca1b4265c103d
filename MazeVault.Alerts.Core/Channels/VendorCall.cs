namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// What one send asked of the vendor, for the delivery history: the last HTTP status the vendor answered (a JIRA send
/// makes several calls; the last one decided it) and how long the send took. The channel HTTP clients' handler reports
/// statuses to the call in progress on the same async flow, so channels need not pass them up.
/// </summary>
public sealed class VendorCall : IDisposable
{
    private static readonly AsyncLocal<VendorCall?> InProgress = new();
    private readonly VendorCall? _outer;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private long? _ended;

    private VendorCall(TimeProvider clock)
    {
        _clock = clock;
        _outer = InProgress.Value;
        StartedAt = clock.GetUtcNow();
        _started = clock.GetTimestamp();
        InProgress.Value = this;
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The last HTTP status answered during this call; null when there was none.</summary>
    public int? LastStatus { get; private set; }

    public TimeSpan Duration => _clock.GetElapsedTime(_started, _ended ?? _clock.GetTimestamp());

    /// <summary>Starts observing the vendor calls made on this async flow until <see cref="Dispose"/>.</summary>
    public static VendorCall Begin(TimeProvider clock) => new(clock);

    /// <summary>Called by <see cref="VendorStatusHandler"/> for every answer on the flow.</summary>
    internal static void Answered(int status)
    {
        if (InProgress.Value is { } call)
        {
            call.LastStatus = status;
        }
    }

    public void Dispose()
    {
        _ended ??= _clock.GetTimestamp();
        InProgress.Value = _outer;
    }
}

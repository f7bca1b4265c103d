using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// A channel whose destinations limit how fast they take messages. An integration with <c>paced</c> on keeps to the rate
/// its channel declares here, across instances (see Pacing/); a channel that does not implement this is never paced.
/// </summary>
public interface IPacedChannel
{
    /// <summary>Where <paramref name="target"/> sends and that destination's rate; null when its settings name no destination (the send then fails on its own).</summary>
    Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct);

    /// <summary>
    /// True when every target of the channel shares one destination whose limit no target may opt out of (email: the
    /// sender mailbox): all its deliveries are paced, not only those of integrations with <c>paced</c> on.
    /// </summary>
    bool PacesEveryTarget => false;

    /// <summary>
    /// Counts a send to <paramref name="target"/> against a daily limit of its destination (email: the sender mailbox's
    /// recipients per day): null when it may go now (counted); otherwise, with nothing counted, when the limit renews.
    /// </summary>
    Task<DateTimeOffset?> TakeDailyAllowanceAsync(Integration target, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);
}

using System.Collections.Concurrent;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>A channel that records what it was asked to send and answers as the test programs it.</summary>
internal sealed class RecordingChannel(string type, ConcurrentQueue<(string Type, Integration Target, Notification Notification)> all)
    : INotificationChannel
{
    private int _calls;

    /// <summary>Answer for the n-th call (from 1) to this channel for the given target.</summary>
    public Func<Integration, int, DeliveryOutcome> Respond { get; set; } = (_, _) => new DeliveryOutcome.Delivered();
    public TimeSpan Delay { get; set; }
    public int Calls => _calls;
    public string Type => type;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        // As a real channel does: open every secret it will use (a stored one needs the key-encryption key).
        await TestIntegrations.RevealAllAsync(target, ct);

        all.Enqueue((type, target, notification));
        var n = all.Count(s => s.Target.Id == target.Id && s.Type == type);
        Interlocked.Increment(ref _calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, ct);
        }

        return Respond(target, n);
    }
}

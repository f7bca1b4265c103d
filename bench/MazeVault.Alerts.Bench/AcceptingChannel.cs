using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Bench;

/// <summary>Accepts everything: the in-process figures measure storage and queue work, not vendors.</summary>
internal sealed class AcceptingChannel : INotificationChannel
{
    public Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct) => Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Delivered());
}

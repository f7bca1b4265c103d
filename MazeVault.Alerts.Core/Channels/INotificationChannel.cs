using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>One vendor protocol. Picked by <see cref="Integration.Type"/>; never throws for an HTTP status.</summary>
public interface INotificationChannel
{
    IntegrationType Type { get; }
    Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct);
}

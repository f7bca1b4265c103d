using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>One vendor protocol, registered with its settings type; never throws for an HTTP status.</summary>
public interface INotificationChannel
{
    /// <summary>Sends one notification to <paramref name="target"/>, whose settings are this channel's settings type.</summary>
    Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct);

    /// <summary>The Test action: by default one send of the test notification.</summary>
    async Task<ChannelTestResult> TestAsync(Notification notification, Integration target, CancellationToken ct) =>
        ChannelTestResult.From(await SendAsync(notification, target, ct));
}

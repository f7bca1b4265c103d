using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>Picks the channel for an integration by its <see cref="Integration.Type"/>, never by its URL.</summary>
public sealed class ChannelCatalog(IEnumerable<INotificationChannel> channels)
{
    private readonly Dictionary<IntegrationType, INotificationChannel> _byType = channels.ToDictionary(c => c.Type);

    public INotificationChannel For(IntegrationType type) =>
        _byType.TryGetValue(type, out var channel)
            ? channel
            : throw new InvalidOperationException($"No channel is registered for integration type {type}.");
}

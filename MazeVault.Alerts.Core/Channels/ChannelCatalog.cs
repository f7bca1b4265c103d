using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// The registered channel plug-ins. Everything that depends on an integration's type (validation, masking, storage,
/// the Test action, the delivery order) asks here, by the integration's type, never by its URL.
/// </summary>
public sealed class ChannelCatalog
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, ChannelRegistration> _byType;

    public ChannelCatalog(IEnumerable<ChannelRegistration> registrations, IServiceProvider services)
    {
        _services = services;
        All = registrations.OrderBy(r => r.Order).ToList();
        _byType = All.ToDictionary(r => r.Type, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every channel in delivery order.</summary>
    public IReadOnlyList<ChannelRegistration> All { get; }

    /// <summary>The registration of <paramref name="type"/> (any case), or null when no channel serves it.</summary>
    public ChannelRegistration? Find(string? type) =>
        type is not null && _byType.TryGetValue(type.Trim(), out var registration) ? registration : null;

    public ChannelRegistration Get(string type) =>
        Find(type) ?? throw new InvalidOperationException($"No channel is registered for integration type {type}.");

    public INotificationChannel ChannelFor(string type) => _services.GetRequiredKeyedService<INotificationChannel>(Get(type).Type);

    /// <summary>Every channel in delivery order with its declared settings: what a form for a new integration asks.</summary>
    public IReadOnlyList<ChannelDescription> Describe() =>
        All.Select(r => new ChannelDescription(r.Type, r.DisplayName, ChannelField.Of(r.SettingsType))).ToList();

    /// <summary>"one of jira, teams, ..." for validation messages.</summary>
    public string TypeList => string.Join(", ", All.Select(r => r.Type));
}

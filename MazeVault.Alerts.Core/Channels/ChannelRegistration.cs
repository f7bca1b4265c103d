namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// One channel plug-in as the rest of the app sees it: the integration type it serves (the API's <c>type</c>), the name
/// log lines use and its settings type; its sender is the <see cref="INotificationChannel"/> keyed by <see cref="Type"/>.
/// <see cref="Order"/> is its place in the delivery order, which is the order of registration.
/// </summary>
public sealed record ChannelRegistration(string Type, string DisplayName, Type SettingsType)
{
    public int Order { get; init; }

    /// <summary>Whether an integration of this channel may take the daily check's digest (JIRA keeps an issue per resource).</summary>
    public bool Digests { get; init; } = true;
}

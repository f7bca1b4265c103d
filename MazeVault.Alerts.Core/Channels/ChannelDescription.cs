namespace MazeVault.Alerts.Core.Channels;

/// <summary>A channel plug-in as clients see it: its integration type, display name and declared settings.</summary>
public sealed record ChannelDescription(string Type, string DisplayName, IReadOnlyList<ChannelField> Fields);

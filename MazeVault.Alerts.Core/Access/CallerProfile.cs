namespace MazeVault.Alerts.Core.Access;

/// <summary>
/// What the caller may see, for clients that adapt to it (the console's organization list, and edit controls shown only
/// where the role allows): who it is and its role in each organization it reaches.
/// </summary>
public sealed record CallerProfile(CallerKind Kind, string Id, string Name, bool PlatformAdmin, IReadOnlyList<AccessGrant> Organizations);

namespace MazeVault.Alerts.Core.Storage;

/// <summary>
/// Which page of a list to read: at most <see cref="Limit"/> items after the key the previous page ended at
/// (<see cref="After"/>; null for the first page). Lists are read in key order, so a page costs one range read
/// however long the list grows.
/// </summary>
public sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static PageRequest First { get; } = new(DefaultLimit, null);
}

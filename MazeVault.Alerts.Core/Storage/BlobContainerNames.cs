namespace MazeVault.Alerts.Core.Storage;

/// <summary>Every blob container the app uses. The Bicep template creates each; <see cref="All"/> is what tests cross-check.</summary>
public static class BlobContainerNames
{
    /// <summary>Alert content too large for a table property (the weekly report's HTML and CSV).</summary>
    public const string AlertContent = "alert-content";

    public static IReadOnlyList<string> All { get; } = [AlertContent];
}

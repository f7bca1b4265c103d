namespace MazeVault.Alerts.Core.Integrations;

/// <summary>What a re-seal pass did: rows moved to the current key version, and the rows it could not open.</summary>
public sealed record ResealReport
{
    public string KekVersion { get; init; } = "";
    public int Scanned { get; init; }
    public int Resealed { get; init; }
    public int AlreadyCurrent { get; init; }
    /// <summary>Changed by another writer during the pass; that write sealed them with the current version.</summary>
    public int Changed { get; init; }
    /// <summary>Rows whose secrets do not open (tampered, or sealed by an unknown key): their secrets must be entered again.</summary>
    public int Unreadable { get; init; }
    public IReadOnlyList<string> UnreadableIds { get; init; } = [];
}

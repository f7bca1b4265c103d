namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// The secret fields of one stored row: a fresh data key wrapped by version <see cref="KekVersion"/> of the
/// key-encryption key, and each field encrypted under that data key. Hints are kept beside the ciphertext so that
/// reading an integration never needs the key.
/// </summary>
public sealed record SealedSecrets(string KekVersion, string WrappedKey, IReadOnlyDictionary<string, SealedField> Fields)
{
    /// <summary>
    /// True when the fields' associated data also binds the destination their settings send them to (the JIRA site).
    /// Rows sealed before destinations were bound have false (absent): they open without it until a write or the re-seal
    /// pass seals them again. Setting it false on a bound row only makes its fields fail to open.
    /// </summary>
    public bool DestinationBound { get; init; }
}

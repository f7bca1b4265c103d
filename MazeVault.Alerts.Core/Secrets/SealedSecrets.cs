namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// The secret fields of one stored row: a fresh data key wrapped by version <see cref="KekVersion"/> of the
/// key-encryption key, and each field encrypted under that data key. Hints are kept beside the ciphertext so that
/// reading an integration never needs the key.
/// </summary>
public sealed record SealedSecrets(string KekVersion, string WrappedKey, IReadOnlyDictionary<string, SealedField> Fields);

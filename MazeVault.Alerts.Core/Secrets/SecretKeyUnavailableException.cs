namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// The key-encryption key could not be read now (Key Vault down, throttled, identity not ready): worth retrying.
/// The message names what to check, never key material.
/// </summary>
public sealed class SecretKeyUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>When the key service said how long to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

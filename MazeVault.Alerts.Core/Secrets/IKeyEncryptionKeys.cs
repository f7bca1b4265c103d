namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// Where the key-encryption key lives: Key Vault in Azure, the storage emulator locally. Failures to reach it throw
/// <see cref="SecretKeyUnavailableException"/>; a version that does not exist throws <see cref="SecretIntegrityException"/>.
/// </summary>
public interface IKeyEncryptionKeys
{
    /// <summary>The version new seals use.</summary>
    Task<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct);

    /// <summary>A specific version, to open what it sealed.</summary>
    Task<KeyEncryptionKey> GetAsync(string version, CancellationToken ct);
}

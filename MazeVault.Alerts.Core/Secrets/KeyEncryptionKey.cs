using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>One version of the key-encryption key: its version name and the AES-256 key derived from its material.</summary>
public sealed class KeyEncryptionKey
{
    /// <summary>At least 256 random bits, as the deployment docs ask of the Key Vault secret.</summary>
    public const int MinMaterialBytes = 32;

    private static readonly byte[] DerivationInfo = Encoding.UTF8.GetBytes("mazevault-alerts/kek/v1");

    private KeyEncryptionKey(string version, byte[] key)
    {
        Version = version;
        Key = key;
    }

    public string Version { get; }

    internal byte[] Key { get; }

    /// <summary>
    /// The key from a secret's value: Base64 key material (what <c>openssl rand -base64 32</c> prints) or, failing that,
    /// the text itself; either must hold at least 32 bytes. HKDF turns any length into the 32 bytes AES-256 needs.
    /// </summary>
    public static KeyEncryptionKey FromMaterial(string version, string material)
    {
        var trimmed = material.Trim();
        var buffer = new byte[trimmed.Length];
        var bytes = Convert.TryFromBase64String(trimmed, buffer, out var length) ? buffer[..length] : Encoding.UTF8.GetBytes(trimmed);
        if (bytes.Length < MinMaterialBytes)
        {
            throw new SecretKeyUnavailableException(
                $"The key-encryption key version {version} holds fewer than {MinMaterialBytes * 8} bits: store at least 32 random bytes (openssl rand -base64 32).");
        }

        return new KeyEncryptionKey(version, HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, salt: [], info: DerivationInfo));
    }

    public override string ToString() => $"KeyEncryptionKey({Version})";
}

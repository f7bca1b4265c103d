using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>One version of the key-encryption key: its version name and the AES-256 key derived from its material.</summary>
public sealed class KeyEncryptionKey
{
    /// <summary>At least 256 random bits, as the deployment docs ask of the Key Vault secret.</summary>
    public const int MinMaterialBytes = 32;

    /// <summary>What a version that seals new secrets must be: Base64 of exactly 32 bytes (<c>openssl rand -base64 32</c>).</summary>
    public const int SealingMaterialBytes = 32;

    // 32 random bytes have about 30 distinct values; fewer than 16 is a constant or a repeated pattern, not chance.
    private const int MinDistinctSealingBytes = 16;

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
        var bytes = FromBase64(trimmed) ?? Encoding.UTF8.GetBytes(trimmed);
        if (bytes.Length < MinMaterialBytes)
        {
            throw new SecretKeyUnavailableException(
                $"The key-encryption key version {version} holds fewer than {MinMaterialBytes * 8} bits: store at least 32 random bytes (openssl rand -base64 32).");
        }

        return new KeyEncryptionKey(version, HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, salt: [], info: DerivationInfo));
    }

    /// <summary>
    /// Why <paramref name="material"/> may not seal new secrets (null when it may): it must be Base64 of exactly 32 bytes
    /// that look random, not all zeros or a repeated pattern. Versions that predate this rule still open what they sealed.
    /// </summary>
    public static string? SealingRefusal(string material)
    {
        var bytes = FromBase64(material.Trim());
        if (bytes is null || bytes.Length != SealingMaterialBytes)
        {
            return $"it is not Base64 of exactly {SealingMaterialBytes} bytes";
        }

        return bytes.Distinct().Count() < MinDistinctSealingBytes ? "its bytes are not random (a constant or a repeated pattern)" : null;
    }

    public override string ToString() => $"KeyEncryptionKey({Version})";

    private static byte[]? FromBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) ? buffer[..length] : null;
    }
}

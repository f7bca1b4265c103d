using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// Envelope encryption of a row's secret fields: AES-256-GCM under a random data key per row, the data key wrapped
/// (AES-256-GCM) by the key-encryption key. The associated data binds the wrapped key to its row and key version, and
/// each field to its row, its field name and the destination its settings send it to (the JIRA site's origin), so a
/// ciphertext copied anywhere else, or left in a row whose destination was changed in storage, fails to open.
/// </summary>
public sealed class SecretSealer(IKeyEncryptionKeys keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int DataKeyBytes = 32;

    /// <summary>
    /// Seals <paramref name="values"/> (field name → value) of one row with the current key version, bound to
    /// <paramref name="destination"/> (<see cref="Channels.ChannelSettings.SecretsDestination"/>; null when the settings name none).
    /// </summary>
    public async Task<SealedSecrets> SealAsync(string partition, string row, string? destination, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var kek = await keys.GetCurrentAsync(ct);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeyBytes);
        try
        {
            var fields = values.ToDictionary(
                v => v.Key,
                v => new SealedField(Secret.HintFor(v.Value), Encrypt(dataKey, Encoding.UTF8.GetBytes(v.Value), FieldData(partition, row, v.Key, destination))));
            return new SealedSecrets(kek.Version, Encrypt(kek.Key, dataKey, KeyData(partition, row, kek.Version)), fields) { DestinationBound = destination is not null };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Opens one field of a row's sealed secrets for <paramref name="destination"/> (what the row's settings name now);
    /// throws <see cref="SecretIntegrityException"/> when it does not authenticate.
    /// </summary>
    public async Task<string> OpenAsync(string partition, string row, string? destination, SealedSecrets sealedSecrets, string field, CancellationToken ct)
    {
        if (!sealedSecrets.Fields.TryGetValue(field, out var sealedField))
        {
            throw new SecretIntegrityException($"The sealed secrets of {row} have no field {field}.");
        }

        var kek = await keys.GetAsync(sealedSecrets.KekVersion, ct);
        var dataKey = Decrypt(kek.Key, sealedSecrets.WrappedKey, KeyData(partition, row, sealedSecrets.KekVersion),
            $"The data key of {row} does not open with key version {sealedSecrets.KekVersion} (altered, copied from another row, or sealed with another key)");
        try
        {
            // A row sealed before destinations were bound opens without one, until it is sealed again (re-seal pass).
            var plain = Decrypt(dataKey, sealedField.Ciphertext, FieldData(partition, row, field, sealedSecrets.DestinationBound ? destination ?? "" : null),
                $"The sealed field {field} of {row} does not open (altered, copied from another row or field, or its destination was changed)");
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] KeyData(string partition, string row, string kekVersion) =>
        Encoding.UTF8.GetBytes($"mazevault-alerts/data-key/v1\n{partition}\n{row}\n{kekVersion}");

    /// <summary>The first format (no destination) stays what it was, so rows sealed before destinations were bound still open.</summary>
    private static byte[] FieldData(string partition, string row, string field, string? destination) => Encoding.UTF8.GetBytes(destination is null
        ? $"mazevault-alerts/secret-field/v1\n{partition}\n{row}\n{field}"
        : $"mazevault-alerts/secret-field/v2\n{partition}\n{row}\n{field}\n{destination}");

    private static string Encrypt(byte[] key, byte[] plain, byte[] associatedData)
    {
        var output = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceBytes, plain.Length), output.AsSpan(NonceBytes + plain.Length), associatedData);
        return Convert.ToBase64String(output);
    }

    private static byte[] Decrypt(byte[] key, string sealedText, byte[] associatedData, string failure)
    {
        var buffer = new byte[sealedText.Length];
        if (!Convert.TryFromBase64String(sealedText, buffer, out var length) || length < NonceBytes + TagBytes)
        {
            throw new SecretIntegrityException(failure + ".");
        }

        var input = buffer.AsSpan(0, length);
        var plain = new byte[length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(input[..NonceBytes], input[NonceBytes..^TagBytes], input[^TagBytes..], plain, associatedData);
            return plain;
        }
        catch (CryptographicException e)
        {
            throw new SecretIntegrityException(failure + ".", e);
        }
    }
}

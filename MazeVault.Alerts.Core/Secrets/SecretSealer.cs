using System.Security.Cryptography;
using System.Text;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// Envelope encryption of a row's secret fields: AES-256-GCM under a random data key per row, the data key wrapped
/// (AES-256-GCM) by the key-encryption key. The associated data binds the wrapped key to its row and key version, and
/// each field to its row and field name, so a ciphertext copied anywhere else fails to open.
/// </summary>
public sealed class SecretSealer(IKeyEncryptionKeys keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int DataKeyBytes = 32;

    /// <summary>Seals <paramref name="values"/> (field name → value) of one row with the current key version.</summary>
    public async Task<SealedSecrets> SealAsync(string partition, string row, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var kek = await keys.GetCurrentAsync(ct);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeyBytes);
        try
        {
            var fields = values.ToDictionary(
                v => v.Key,
                v => new SealedField(Secret.HintFor(v.Value), Encrypt(dataKey, Encoding.UTF8.GetBytes(v.Value), FieldData(partition, row, v.Key))));
            return new SealedSecrets(kek.Version, Encrypt(kek.Key, dataKey, KeyData(partition, row, kek.Version)), fields);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Opens one field of a row's sealed secrets; throws <see cref="SecretIntegrityException"/> when it does not authenticate.</summary>
    public async Task<string> OpenAsync(string partition, string row, SealedSecrets sealedSecrets, string field, CancellationToken ct)
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
            var plain = Decrypt(dataKey, sealedField.Ciphertext, FieldData(partition, row, field),
                $"The sealed field {field} of {row} does not open (altered, or copied from another row or field)");
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] KeyData(string partition, string row, string kekVersion) =>
        Encoding.UTF8.GetBytes($"mazevault-alerts/data-key/v1\n{partition}\n{row}\n{kekVersion}");

    private static byte[] FieldData(string partition, string row, string field) =>
        Encoding.UTF8.GetBytes($"mazevault-alerts/secret-field/v1\n{partition}\n{row}\n{field}");

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

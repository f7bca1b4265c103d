using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// The key-encryption key for local development: 256 random bits created on first use in a blob of the storage
/// emulator, so Azurite, <c>npm start</c> and the tests seal secrets with no extra step. It refuses to run against a real
/// storage account, where a key beside the data would protect nothing: there SECRETS_KEY_VAULT_URI is required.
/// </summary>
public sealed class LocalDevelopmentKeys(StorageClients clients) : IKeyEncryptionKeys
{
    public const string Version = "local-development";

    /// <summary>Not in <see cref="BlobContainerNames"/>: Azure deployments never have it.</summary>
    public const string ContainerName = "alerts-local-keys";

    private const string BlobName = "key-encryption-key";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeyEncryptionKey? _key;

    public async Task<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct)
    {
        if (_key is not null)
        {
            return _key;
        }

        if (!clients.IsLocalEmulator)
        {
            throw new SecretKeyUnavailableException("The local development key only works with the storage emulator: set SECRETS_KEY_VAULT_URI.");
        }

        await _gate.WaitAsync(ct);
        try
        {
            return _key ??= KeyEncryptionKey.FromMaterial(Version, await ReadOrCreateAsync(ct));
        }
        catch (RequestFailedException e)
        {
            throw new SecretKeyUnavailableException($"The local development key could not be read from the storage emulator ({e.Status}).", e);
        }
        catch (AggregateException e)
        {
            // Azure.Core's retries exhausted: the emulator is not running.
            throw new SecretKeyUnavailableException("The local development key could not be read: the storage emulator did not answer.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<KeyEncryptionKey> GetAsync(string version, CancellationToken ct) =>
        version == Version
            ? await GetCurrentAsync(ct)
            : throw new SecretIntegrityException($"Key version {version} is not the local development key: this row was sealed by another deployment.");

    private async Task<string> ReadOrCreateAsync(CancellationToken ct)
    {
        var container = clients.BlobService.GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var blob = container.GetBlobClient(BlobName);
        try
        {
            // If-None-Match: * so that two processes starting together keep one key, not the last writer's.
            await blob.UploadAsync(BinaryData.FromString(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists already: read it.
        }

        return (await blob.DownloadContentAsync(ct)).Value.Content.ToString();
    }
}

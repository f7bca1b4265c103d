using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// The key-encryption key as a Key Vault secret read with the app's identity; the secret's versions are the key's
/// versions. The current version, and each version once read, are asked for again after SECRETS_KEK_REFRESH_SECONDS:
/// a version disabled or deleted in Key Vault stops opening secrets, and a current one stops sealing, within that time.
/// While Key Vault cannot answer (unreachable, 429, 5xx), what was last read stays in use.
/// </summary>
public sealed class KeyVaultKeyEncryptionKeys : IKeyEncryptionKeys
{
    /// <summary>The named HTTP client of Key Vault calls (no request logging).</summary>
    public const string ClientName = "MazeVault.Alerts.KeyVault";

    private readonly SecretClient _client;
    private readonly SecretsOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<KeyVaultKeyEncryptionKeys> _logger;
    private readonly ConcurrentDictionary<string, (KeyEncryptionKey Key, DateTimeOffset FetchedAt)> _versions = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (KeyEncryptionKey Key, DateTimeOffset FetchedAt)? _current;

    public KeyVaultKeyEncryptionKeys(SecretClient client, IOptions<SecretsOptions> options, TimeProvider clock, ILogger<KeyVaultKeyEncryptionKeys> logger)
    {
        _client = client;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The Key Vault client of SECRETS_KEY_VAULT_URI with the app's managed identity (SECRETS_KEY_VAULT_CLIENT_ID when user-assigned).</summary>
    public static SecretClient CreateClient(SecretsOptions options, IHttpClientFactory httpClientFactory)
    {
        TokenCredential credential = string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId.Trim()));
        var clientOptions = new SecretClientOptions
        {
            Transport = new HttpClientTransport(httpClientFactory.CreateClient(ClientName)),
            // Azure.Core retries 408/429/5xx and network errors; what remains is the caller's to retry later.
            Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(15) },
        };
        return new SecretClient(options.VaultUri ?? throw new InvalidOperationException("SECRETS_KEY_VAULT_URI is not set."), credential, clientOptions);
    }

    public async Task<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (_current is { } cached && now - cached.FetchedAt < TimeSpan.FromSeconds(_options.RefreshSeconds))
        {
            return cached.Key;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (_current is { } again && now - again.FetchedAt < TimeSpan.FromSeconds(_options.RefreshSeconds))
            {
                return again.Key;
            }

            try
            {
                var key = await FetchAsync(version: null, ct);
                _current = (key, _clock.GetUtcNow());
                return key;
            }
            catch (SecretKeyUnavailableException e) when (_current is { } stale && !IsWithdrawn(e.InnerException))
            {
                // Keep sealing with the version we know; a rotation is picked up once Key Vault answers again.
                _logger.LogWarning("Key Vault did not answer for the current key-encryption key ({Reason}); version {Version} stays in use", e.Message, stale.Key.Version);
                return stale.Key;
            }
            catch (SecretKeyUnavailableException) when (_current is not null)
            {
                // Key Vault answered that the current version is disabled or gone: nothing seals until an enabled one is current.
                _current = null;
                throw;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<KeyEncryptionKey> GetAsync(string version, CancellationToken ct)
    {
        var isKnown = _versions.TryGetValue(version, out var known);
        if (isKnown && _clock.GetUtcNow() - known.FetchedAt < TimeSpan.FromSeconds(_options.RefreshSeconds))
        {
            return known.Key;
        }

        try
        {
            return await FetchAsync(version, ct);
        }
        catch (SecretIntegrityException)
        {
            // Disabled or deleted in Key Vault: what it sealed stops opening here too.
            _versions.TryRemove(version, out _);
            throw;
        }
        catch (SecretKeyUnavailableException e) when (isKnown)
        {
            _logger.LogWarning("Key Vault did not answer for key-encryption key version {Version} ({Reason}); the version already read stays in use", version, e.Message);
            return known.Key;
        }
    }

    private async Task<KeyEncryptionKey> FetchAsync(string? version, CancellationToken ct)
    {
        KeyVaultSecret secret;
        try
        {
            secret = (await _client.GetSecretAsync(_options.KekSecretName, version, ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404 && version is not null)
        {
            throw new SecretIntegrityException($"Key Vault has no version {version} of the key-encryption key {_options.KekSecretName}: rows sealed with it cannot be opened.", e);
        }
        catch (RequestFailedException e) when (IsDisabled(e))
        {
            throw version is null
                ? new SecretKeyUnavailableException($"The current version of the key-encryption key {_options.KekSecretName} is disabled in Key Vault: add a new version (openssl rand -base64 32) or enable it again.", e)
                : new SecretIntegrityException($"Version {version} of the key-encryption key {_options.KekSecretName} is disabled: enable it again, or re-seal before disabling versions.", e);
        }
        catch (RequestFailedException e)
        {
            throw new SecretKeyUnavailableException(Describe(e), e) { RetryAfter = RetryAfter(e) };
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException))
        {
            // Azure.Core's retries exhausted on network errors or timeouts.
            throw new SecretKeyUnavailableException("Key Vault could not be reached (network error or timeout).", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SecretKeyUnavailableException("Key Vault did not answer in time.", e);
        }
        catch (CredentialUnavailableException e)
        {
            throw new SecretKeyUnavailableException("No identity is available to read the key-encryption key from Key Vault: check SECRETS_KEY_VAULT_CLIENT_ID.", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new SecretKeyUnavailableException("The app identity could not get a token for Key Vault: check SECRETS_KEY_VAULT_CLIENT_ID and the identity's assignment.", e);
        }

        var key = KeyEncryptionKey.FromMaterial(secret.Properties.Version, secret.Value);
        if (version is null && KeyEncryptionKey.SealingRefusal(secret.Value) is { } refusal)
        {
            // Only new seals are refused: rows an earlier, weaker version sealed must still open.
            throw new SecretKeyUnavailableException(
                $"The current version {key.Version} of the key-encryption key {_options.KekSecretName} cannot seal: {refusal}. Add a new version with openssl rand -base64 32.");
        }

        _versions[key.Version] = (key, _clock.GetUtcNow());
        return key;
    }

    private string Describe(RequestFailedException e) => e.Status switch
    {
        0 => "Key Vault could not be reached (network error or timeout).",
        401 or 403 => $"Key Vault refused to read secret {_options.KekSecretName} ({e.Status}): grant the app identity Key Vault Secrets User on it.",
        404 => $"Key Vault has no secret {_options.KekSecretName}: create it (docs/deployment.md).",
        429 => "Key Vault is throttling requests (429).",
        _ => $"Key Vault answered {e.Status} for the key-encryption key.",
    };

    /// <summary>Key Vault answers a disabled secret version with 403 and the inner error code SecretDisabled.</summary>
    private static bool IsDisabled(RequestFailedException e) =>
        e.Status == 403 && e.GetRawResponse()?.Content?.ToString().Contains("SecretDisabled", StringComparison.Ordinal) == true;

    /// <summary>Key Vault answered, and the version is disabled or the secret deleted: unlike an outage, not a reason to keep the last one.</summary>
    private static bool IsWithdrawn(Exception? cause) => cause is RequestFailedException e && (e.Status == 404 || IsDisabled(e));

    private static TimeSpan? RetryAfter(RequestFailedException e)
    {
        var response = e.GetRawResponse();
        return response is not null && response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}

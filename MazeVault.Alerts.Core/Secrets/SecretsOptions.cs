using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>Where the key-encryption key of sealed secrets lives (docs/configuration.md, "Secrets at rest").</summary>
public sealed class SecretsOptions
{
    /// <summary>The Key Vault holding the key-encryption key; blank means the local development key (storage emulator only).</summary>
    [ConfigurationKeyName("SECRETS_KEY_VAULT_URI")]
    public string? KeyVaultUri { get; set; }

    /// <summary>The Key Vault secret whose versions are the key-encryption key's versions.</summary>
    [ConfigurationKeyName("SECRETS_KEK_SECRET_NAME")]
    [RegularExpression("^[0-9a-zA-Z-]{1,127}$", ErrorMessage = "SECRETS_KEK_SECRET_NAME must be a Key Vault secret name (letters, digits and '-').")]
    public string KekSecretName { get; set; } = "alerts-secrets-kek";

    /// <summary>Client id of the user-assigned identity that reads the key; blank uses DefaultAzureCredential.</summary>
    [ConfigurationKeyName("SECRETS_KEY_VAULT_CLIENT_ID")]
    public string? ClientId { get; set; }

    /// <summary>How long the current key version is trusted before Key Vault is asked again (a rotation shows up within this).</summary>
    [ConfigurationKeyName("SECRETS_KEK_REFRESH_SECONDS")]
    [Range(1, 86_400)]
    public int RefreshSeconds { get; set; } = 300;

    public Uri? VaultUri => Uri.TryCreate(KeyVaultUri?.Trim(), UriKind.Absolute, out var uri) ? uri : null;

    internal bool HasValidVaultUri =>
        string.IsNullOrWhiteSpace(KeyVaultUri) || (Uri.TryCreate(KeyVaultUri.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
}

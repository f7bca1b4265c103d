using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers sealing of secrets at rest: the key-encryption key from Key Vault when SECRETS_KEY_VAULT_URI is set,
    /// else the local development key, which startup refuses unless storage is the local emulator.
    /// </summary>
    public static IServiceCollection AddAlertsSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretsOptions>().Bind(configuration).ValidateDataAnnotations()
            .Validate(o => o.HasValidVaultUri, "SECRETS_KEY_VAULT_URI must be an absolute https URL (https://<vault>.vault.azure.net/).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, LocalKeyRequiresEmulator>();
        services.AddHttpClient(KeyVaultKeyEncryptionKeys.ClientName).RemoveAllLoggers();
        // A host or a test may register its own client (another credential or transport) after this one.
        services.AddSingleton(sp => KeyVaultKeyEncryptionKeys.CreateClient(sp.GetRequiredService<IOptions<SecretsOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton<KeyVaultKeyEncryptionKeys>();
        services.AddSingleton<LocalDevelopmentKeys>();
        // TryAdd: a test may substitute the key source.
        services.TryAddSingleton<IKeyEncryptionKeys>(sp => sp.GetRequiredService<IOptions<SecretsOptions>>().Value.VaultUri is null
            ? sp.GetRequiredService<LocalDevelopmentKeys>()
            : sp.GetRequiredService<KeyVaultKeyEncryptionKeys>());
        services.AddSingleton<SecretSealer>();
        return services;
    }

    /// <summary>A key kept beside the data protects nothing: without Key Vault the app starts only on the storage emulator.</summary>
    private sealed class LocalKeyRequiresEmulator(StorageClients storage) : IValidateOptions<SecretsOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecretsOptions options) =>
            options.VaultUri is not null || storage.IsLocalEmulator
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("SECRETS_KEY_VAULT_URI is required: the local development key is only allowed with the local storage emulator (Azurite).");
    }
}

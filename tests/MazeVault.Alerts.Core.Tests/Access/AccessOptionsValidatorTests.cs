using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Tests.Access;

/// <summary>Start-up refuses a configuration that would open the app: no mode, local mode on real storage, a guessable bootstrap key.</summary>
public sealed class AccessOptionsValidatorTests
{
    // Parsed only: no test opens a socket to these.
    private const string Loopback = "UseDevelopmentStorage=true";
    private const string StorageAccount = "DefaultEndpointsProtocol=https;AccountName=prodaccount;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    [Theory]
    [InlineData(null, Loopback, null, "ACCESS_MODE")]
    [InlineData("", Loopback, null, "ACCESS_MODE")]
    [InlineData("open", Loopback, null, "ACCESS_MODE")]
    [InlineData("local", StorageAccount, null, "loopback storage")]
    [InlineData("keys", StorageAccount, "too-short", "ACCESS_ADMIN_KEY")]
    public void A_configuration_that_would_open_the_app_does_not_start(string? mode, string storage, string? adminKey, string named)
    {
        var result = Validate(mode, storage, adminKey);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local", Loopback, null)]
    [InlineData("keys", StorageAccount, null)]
    [InlineData("KEYS", StorageAccount, "0123456789abcdef0123456789abcdef")]
    [InlineData("entra", StorageAccount, "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/ACCESS-ADMIN-KEY)")]
    public void An_explicit_mode_on_fitting_storage_starts(string mode, string storage, string? adminKey) =>
        Assert.True(Validate(mode, storage, adminKey).Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? mode, string storage, string? adminKey)
    {
        var clients = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = storage }).Build());
        return new AccessOptionsValidator(clients).Validate(null, new AccessOptions { ModeSettingValue = mode, AdminKey = adminKey });
    }
}

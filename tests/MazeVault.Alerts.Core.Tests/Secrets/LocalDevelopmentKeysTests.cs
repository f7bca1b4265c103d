using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Secrets;

/// <summary>The local development key: made on first use in the storage emulator, and refused anywhere else.</summary>
public sealed class LocalDevelopmentKeysTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // A real account's endpoints (never contacted: every check here is made before any request).
    private static readonly string RealAccount =
        $"DefaultEndpointsProtocol=https;AccountName=mazevaultprod;AccountKey={AzuriteFixture.AccountKey};EndpointSuffix=core.windows.net";

    [Fact]
    public async Task The_first_use_creates_one_key_that_every_later_process_reads_and_opens_with()
    {
        var storage = new AzuriteStorage(azurite);
        var starters = Enumerable.Range(0, 4).Select(_ => new LocalDevelopmentKeys(storage.Clients)).ToList();

        // Processes starting together agree on one key.
        var keys = await Task.WhenAll(starters.Select(k => k.GetCurrentAsync(CancellationToken.None)));
        var sealedSecrets = await new SecretSealer(starters[0]).SealAsync("org", "row", destination: null, new Dictionary<string, string> { ["f"] = "local-dev-secret" }, CancellationToken.None);

        Assert.All(keys, k => Assert.Equal(LocalDevelopmentKeys.Version, k.Version));
        foreach (var later in starters.Skip(1).Append(new LocalDevelopmentKeys(new AzuriteStorage(azurite).Clients)))
        {
            Assert.Equal("local-dev-secret", await new SecretSealer(later).OpenAsync("org", "row", destination: null, sealedSecrets, "f", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Against_a_real_storage_account_the_local_key_is_refused_without_a_request()
    {
        var clients = new StorageClients(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = RealAccount }).Build());

        Assert.False(clients.IsLocalEmulator);
        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => new LocalDevelopmentKeys(clients).GetCurrentAsync(CancellationToken.None));
        Assert.Contains("SECRETS_KEY_VAULT_URI", error.Message);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https://kv-mazevault.vault.azure.net/", true)]
    public void Startup_refuses_a_real_storage_account_without_a_key_vault(string? vaultUri, bool starts)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = RealAccount,
            ["SECRETS_KEY_VAULT_URI"] = vaultUri,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddAlertsStorage(configuration).BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<SecretsOptions>>().Value;

        if (starts)
        {
            Assert.Equal(new Uri(vaultUri!), read().VaultUri);
        }
        else
        {
            Assert.Contains("SECRETS_KEY_VAULT_URI is required", Assert.Throws<OptionsValidationException>(read).Message);
        }
    }

    [Fact]
    public void The_emulator_with_no_key_vault_starts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = azurite.ConnectionString }).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddAlertsStorage(configuration).BuildServiceProvider();

        Assert.Null(services.GetRequiredService<IOptions<SecretsOptions>>().Value.VaultUri);
        Assert.IsType<LocalDevelopmentKeys>(services.GetRequiredService<IKeyEncryptionKeys>());
    }
}

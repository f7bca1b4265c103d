using System.Security.Cryptography;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Tests.Storage;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Secrets;

/// <summary>The key-encryption key read by the real Key Vault SDK client from a local Key Vault endpoint.</summary>
public sealed class KeyVaultKeyEncryptionKeysTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string Material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private FakeKeyVault _vault = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector _logs = new();

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private KeyVaultKeyEncryptionKeys Keys() => new(
        _vault.CreateClient(),
        Options.Create(new SecretsOptions { KeyVaultUri = _vault.VaultUri.ToString(), KekSecretName = _vault.SecretName, RefreshSeconds = 300 }),
        _clock,
        new FakeLogger<KeyVaultKeyEncryptionKeys>(_logs));

    private static Task<SealedSecrets> SealTokenAsync(SecretSealer sealer) =>
        sealer.SealAsync("org", "row", destination: null, new Dictionary<string, string> { ["token"] = "kv-sealed-token-value" }, CancellationToken.None);

    /// <summary>What an operator does to stop a version: disable it, or delete the whole secret.</summary>
    private void Withdraw(string version, bool deleted)
    {
        if (deleted)
        {
            _vault.DeleteSecret();
        }
        else
        {
            _vault.Disable(version);
        }
    }

    [Fact]
    public async Task The_current_version_is_read_through_the_bearer_challenge_and_kept_until_the_refresh_interval()
    {
        var version = _vault.AddVersion(Material);
        var keys = Keys();

        Assert.Equal(version, (await keys.GetCurrentAsync(CancellationToken.None)).Version);
        Assert.Equal(version, (await keys.GetCurrentAsync(CancellationToken.None)).Version);
        Assert.Equal(version, (await keys.GetAsync(version, CancellationToken.None)).Version);
        Assert.Equal(1, _vault.SecretReads);

        _clock.Advance(TimeSpan.FromSeconds(301));
        await keys.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(2, _vault.SecretReads);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_version_disabled_or_deleted_in_key_vault_stops_opening_secrets_within_the_refresh_interval(bool deleted)
    {
        var version = _vault.AddVersion(Material);
        var sealer = new SecretSealer(Keys());
        var sealedSecrets = await SealTokenAsync(sealer);
        Task<string> OpenAsync() => sealer.OpenAsync("org", "row", destination: null, sealedSecrets, "token", CancellationToken.None);

        Withdraw(version, deleted);

        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal("kv-sealed-token-value", await OpenAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<SecretIntegrityException>(OpenAsync);
        Assert.Contains(deleted ? $"has no version {version}" : $"Version {version} of the key-encryption key {_vault.SecretName} is disabled", error.Message);
        Assert.DoesNotContain(Material, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_current_version_disabled_or_deleted_in_key_vault_stops_sealing_within_the_refresh_interval(bool deleted)
    {
        var version = _vault.AddVersion(Material);
        var sealer = new SecretSealer(Keys());
        await SealTokenAsync(sealer);

        Withdraw(version, deleted);

        _clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(version, (await SealTokenAsync(sealer)).KekVersion);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => SealTokenAsync(sealer));
        Assert.Contains(deleted ? $"has no secret {_vault.SecretName}" : $"The current version of the key-encryption key {_vault.SecretName} is disabled in Key Vault", error.Message);
        // The withdrawn version is not kept as a fallback for the next write either.
        await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => SealTokenAsync(sealer));
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Message.Contains("stays in use"));
        Assert.DoesNotContain(Material, error.ToString());
    }

    [Fact]
    public async Task A_newer_enabled_version_takes_over_sealing_when_the_current_one_is_disabled()
    {
        var first = _vault.AddVersion(Material);
        var sealer = new SecretSealer(Keys());
        Assert.Equal(first, (await SealTokenAsync(sealer)).KekVersion);

        var second = _vault.AddVersion(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        _vault.Disable(first);
        _clock.Advance(TimeSpan.FromSeconds(301));

        Assert.Equal(second, (await SealTokenAsync(sealer)).KekVersion);
    }

    [Fact]
    public async Task A_version_read_before_stays_in_use_while_key_vault_cannot_answer()
    {
        _vault.AddVersion(Material);
        var sealer = new SecretSealer(Keys());
        var sealedSecrets = await SealTokenAsync(sealer);
        var reads = _vault.SecretReads;

        _vault.Fault = FakeResponse.Json(503, new System.Text.Json.Nodes.JsonObject { ["error"] = "unavailable" });
        _clock.Advance(TimeSpan.FromSeconds(301));

        Assert.Equal("kv-sealed-token-value", await sealer.OpenAsync("org", "row", destination: null, sealedSecrets, "token", CancellationToken.None));
        Assert.True(_vault.SecretReads > reads, "the version was not asked for again after the refresh interval");
    }

    [Fact]
    public async Task A_new_version_becomes_current_after_the_refresh_and_the_old_one_still_opens_what_it_sealed()
    {
        var first = _vault.AddVersion(Material);
        var keys = Keys();
        var sealer = new SecretSealer(keys);
        var sealedSecrets = await SealTokenAsync(sealer);
        Assert.Equal(first, sealedSecrets.KekVersion);

        var second = _vault.AddVersion(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(second, (await keys.GetCurrentAsync(CancellationToken.None)).Version);
        Assert.Equal("kv-sealed-token-value", await new SecretSealer(Keys()).OpenAsync("org", "row", destination: null, sealedSecrets, "token", CancellationToken.None));
    }

    [Fact]
    public async Task Rotation_then_reseal_moves_stored_integrations_to_the_new_version()
    {
        var first = _vault.AddVersion(Material);
        var storage = new AzuriteStorage(azurite);
        var keys = Keys();
        var store = new TableIntegrationStore(storage.Tables, storage.Organizations, TestIntegrations.Catalog(), new SecretSealer(keys), keys);
        var org = AzuriteStorage.NewOrganization();
        await store.CreateAsync(TestIntegrations.Of("slack-kv", TestIntegrations.Slack, TestIntegrations.SlackSettings("https://hooks.slack.com/services/T/B/kv-rotation-secret"), org), CancellationToken.None);

        var second = _vault.AddVersion(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        _clock.Advance(TimeSpan.FromMinutes(6));
        var report = await store.ResealAsync(CancellationToken.None);

        Assert.Equal(second, report.KekVersion);
        Assert.True(report.Resealed >= 1);
        var row = (await (await storage.Tables.GetAsync("Integrations", CancellationToken.None)).GetEntityAsync<Azure.Data.Tables.TableEntity>(org, "slack-kv")).Value;
        Assert.Equal(second, row.GetString("KekVersion"));
        Assert.NotEqual(first, second);
        var read = (await store.GetAsync(org, "slack-kv", CancellationToken.None))!;
        Assert.Equal("https://hooks.slack.com/services/T/B/kv-rotation-secret", await TestIntegrations.RevealAsync(read, "slackWebhookUrl"));
    }

    [Theory]
    [InlineData(503, null)]
    [InlineData(429, "7")]
    [InlineData(403, null)]
    public async Task A_vault_that_cannot_answer_now_makes_the_key_unavailable_which_is_retryable(int status, string? retryAfter)
    {
        _vault.AddVersion(Material);
        var response = FakeResponse.Json(status, new System.Text.Json.Nodes.JsonObject { ["error"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "Throttled", ["message"] = "no" } });
        _vault.Fault = retryAfter is null ? response : response with { Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfter } };

        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => Keys().GetCurrentAsync(CancellationToken.None));

        Assert.Equal(retryAfter is null ? null : TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.DoesNotContain(Material, error.ToString());
    }

    [Fact]
    public async Task When_the_vault_stops_answering_the_last_known_current_version_keeps_sealing()
    {
        var version = _vault.AddVersion(Material);
        var keys = Keys();
        await keys.GetCurrentAsync(CancellationToken.None);
        _vault.Fault = FakeResponse.Text(503, "down");
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(version, (await keys.GetCurrentAsync(CancellationToken.None)).Version);
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains("stays in use"));
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Message.Contains(Material));
    }

    [Fact]
    public async Task A_version_the_vault_does_not_have_is_an_integrity_failure_not_a_retry()
    {
        _vault.AddVersion(Material);

        await Assert.ThrowsAsync<SecretIntegrityException>(() => Keys().GetAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Fact]
    public async Task A_vault_that_does_not_answer_at_all_makes_the_key_unavailable()
    {
        _vault.AddVersion(Material);
        var keys = Keys();
        await _vault.DisposeAsync();

        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => keys.GetCurrentAsync(CancellationToken.None));

        Assert.Contains("could not be reached", error.Message);
    }

    [Fact]
    public async Task A_disabled_version_is_an_integrity_failure_with_its_reason_and_a_disabled_current_one_is_unavailable()
    {
        var version = _vault.AddVersion(Material);
        _vault.Fault = FakeResponse.Json(403, System.Text.Json.Nodes.JsonNode.Parse(
            """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""")!);

        var disabled = await Assert.ThrowsAsync<SecretIntegrityException>(() => Keys().GetAsync(version, CancellationToken.None));
        Assert.Contains("is disabled", disabled.Message);
        await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => Keys().GetCurrentAsync(CancellationToken.None));
    }

    public static TheoryData<string, string> WeakCurrentVersions => new()
    {
        { Convert.ToBase64String(new byte[32]), "its bytes are not random" },
        { Convert.ToBase64String([.. Enumerable.Repeat((byte[])[0xde, 0xad, 0xbe, 0xef], 8).SelectMany(b => b)]), "its bytes are not random" },
        { Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), "it is not Base64 of exactly 32 bytes" },
        { "correct-horse-battery-staple-and-more-words", "it is not Base64 of exactly 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(WeakCurrentVersions))]
    public async Task A_current_version_that_is_not_32_random_bytes_in_base64_does_not_seal_but_still_opens_what_it_sealed(string material, string reason)
    {
        var version = _vault.AddVersion(material);

        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => Keys().GetCurrentAsync(CancellationToken.None));

        Assert.Contains($"version {version} of the key-encryption key {_vault.SecretName} cannot seal: {reason}", error.Message);
        Assert.DoesNotContain(material, error.ToString());
        // Rows such a version sealed before this rule still open.
        Assert.Equal(version, (await Keys().GetAsync(version, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task A_key_shorter_than_256_bits_is_refused_without_showing_it()
    {
        _vault.AddVersion("c2hvcnQta2V5");

        var error = await Assert.ThrowsAsync<SecretKeyUnavailableException>(() => Keys().GetCurrentAsync(CancellationToken.None));

        Assert.Contains("256 bits", error.Message);
        Assert.DoesNotContain("c2hvcnQta2V5", error.ToString());
    }
}

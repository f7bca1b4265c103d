using System.Text;
using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Tests.Storage;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Access;

/// <summary>Each mode accepts exactly its credentials; a principal header means something only behind App Service Authentication.</summary>
public sealed class CallerAuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Bootstrap = "bootstrap-key-of-at-least-32-characters!";
    private static readonly string Principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
        """{"claims":[{"typ":"oid","val":"p-1"},{"typ":"roles","val":"Alerts.Admin"}]}"""));

    private readonly ApiKeyStore _keys = new(new AzuriteStorage(azurite).Tables, TimeProvider.System);

    private CallerAuthentication For(string mode, string? authEnabled = null, string? adminKey = Bootstrap) =>
        new(Options.Create(new AccessOptions { ModeSettingValue = mode, AuthenticationEnabledSetting = authEnabled, AdminKey = adminKey }), _keys);

    [Fact]
    public async Task Local_mode_asks_nothing()
    {
        var result = await For("local").AuthenticateAsync([], null, CancellationToken.None);

        Assert.Same(Caller.Local, result.Caller);
    }

    [Fact]
    public async Task Keys_mode_ignores_a_principal_header_anyone_could_forge()
    {
        var result = await For("keys", authEnabled: "True").AuthenticateAsync([], Principal, CancellationToken.None);

        Assert.Null(result.Caller);
        Assert.Null(result.Refusal);
    }

    [Fact]
    public async Task Entra_mode_takes_the_platform_principal_or_an_api_key()
    {
        var issued = await _keys.CreateAsync(new ApiKeyInput { Name = "svc", Role = "submitter", Organizations = ["acme"] }, "t", CancellationToken.None);

        var principal = await For("entra", authEnabled: "True").AuthenticateAsync([], Principal, CancellationToken.None);
        var key = await For("entra", authEnabled: "True").AuthenticateAsync([issued.Secret!], Principal, CancellationToken.None);

        Assert.Equal((CallerKind.Entra, "p-1", true), (principal.Caller!.Kind, principal.Caller.Id, principal.Caller.IsPlatformAdmin));
        // A key sent beside a principal is what decides: the caller chose to act as the key.
        Assert.Equal((CallerKind.ApiKey, issued.Id, false), (key.Caller!.Kind, key.Caller.Id, key.Caller.IsPlatformAdmin));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    public async Task Entra_mode_without_authentication_on_serves_nobody(string? authEnabled)
    {
        var result = await For("entra", authEnabled).AuthenticateAsync([Bootstrap], Principal, CancellationToken.None);

        Assert.Null(result.Caller);
        Assert.Contains("WEBSITE_AUTH_ENABLED", result.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_key_is_a_platform_admin_and_an_unresolved_key_vault_reference_is_no_key()
    {
        const string unresolved = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/ACCESS-ADMIN-KEY)";

        var bootstrap = await For("keys").AuthenticateAsync([Bootstrap], null, CancellationToken.None);
        var reference = await For("keys", adminKey: unresolved).AuthenticateAsync([unresolved], null, CancellationToken.None);

        Assert.Same(Caller.BootstrapKey, bootstrap.Caller);
        Assert.Null(reference.Caller);
        Assert.NotNull(reference.Refusal);
    }

    [Fact]
    public async Task Two_keys_an_empty_one_or_an_oversized_one_are_refused_with_a_reason()
    {
        foreach (var keys in new[] { new[] { Bootstrap, Bootstrap }, [""], [new string('k', 10_000)] })
        {
            var result = await For("keys").AuthenticateAsync(keys, null, CancellationToken.None);

            Assert.Null(result.Caller);
            Assert.Contains("X-Api-Key", result.Refusal, StringComparison.Ordinal);
        }
    }
}

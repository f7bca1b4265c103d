using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A local Key Vault that speaks the Secrets REST API the SDK calls (GET /secrets/{name}[/{version}], with Key Vault's
/// bearer challenge), and the Microsoft identity token endpoint that issues its token, both on one loopback HTTPS server.
/// Tests read it with the real <see cref="SecretClient"/> and a real <see cref="ClientSecretCredential"/>.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "kv-test-client";
    private const string ClientSecretValue = "kv-test-client-secret";
    private const string AccessToken = "kv-test-access-token";

    private readonly X509Certificate2 _certificate;
    private readonly FakeVendorServer _server;
    private readonly ConcurrentDictionary<string, string> _versions = new();
    private readonly ConcurrentDictionary<string, bool> _disabled = new();
    private volatile string? _current;
    private int _disposed;

    private FakeKeyVault(X509Certificate2 certificate, FakeVendorServer server, string secretName)
    {
        _certificate = certificate;
        _server = server;
        SecretName = secretName;
    }

    public string SecretName { get; }
    public Uri VaultUri => _server.BaseUrl;

    /// <summary>When set, every secret request is answered with it (after authentication), e.g. a 503 or a 429.</summary>
    public FakeResponse? Fault { get; set; }

    /// <summary>Authenticated secret reads so far.</summary>
    public int SecretReads => _server.Requests.Count(r => r.Path.StartsWith("/secrets/", StringComparison.Ordinal) && r.Header("Authorization") is not null);

    public static async Task<FakeKeyVault> StartAsync(string secretName = "alerts-secrets-kek")
    {
        var certificate = TestCertificates.CreateLoopbackServer();
        var vault = new FakeKeyVault(certificate, await FakeVendorServer.StartAsync(certificate), secretName);
        vault._server.ServeIdentityPlatform(Tenant, AccessToken);
        vault._server.On("GET", $"/secrets/{secretName}", request => vault.Answer(request, null));
        return vault;
    }

    /// <summary>Adds a new version (it becomes the current one) and returns its version id.</summary>
    public string AddVersion(string value)
    {
        var version = Guid.NewGuid().ToString("N");
        _versions[version] = value;
        _current = version;
        _server.On("GET", $"/secrets/{SecretName}/{version}", request => Answer(request, version));
        return version;
    }

    /// <summary>Disables a version, as the portal's "Enabled: No" does: reads of it are answered 403 SecretDisabled.</summary>
    public void Disable(string version) => _disabled[version] = true;

    /// <summary>Deletes the secret with all its versions: every read is answered 404 SecretNotFound.</summary>
    public void DeleteSecret()
    {
        _versions.Clear();
        _current = null;
    }

    /// <summary>
    /// The real SDK client for this vault: a client-secret credential against the local token endpoint, and a transport
    /// that trusts only this server's certificate. Challenge resource verification is off because a loopback address
    /// cannot be a subdomain of the challenge's resource, as a real vault host is.
    /// </summary>
    public SecretClient CreateClient()
    {
        var thumbprint = _certificate.GetCertHashString();
        var transport = new HttpClientTransport(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        });
        var credential = new ClientSecretCredential(Tenant, ClientId, ClientSecretValue, new ClientSecretCredentialOptions
        {
            AuthorityHost = _server.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = transport,
        });
        return new SecretClient(VaultUri, credential, new SecretClientOptions
        {
            Transport = transport,
            DisableChallengeResourceVerification = true,
            Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10), NetworkTimeout = TimeSpan.FromSeconds(5) },
        });
    }

    private FakeResponse Answer(RecordedRequest request, string? version)
    {
        if (request.Header("Authorization") != $"Bearer {AccessToken}")
        {
            // Key Vault's challenge: the authority and resource of the token to come back with.
            return FakeResponse.Json(401, Error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.")) with
            {
                Headers = new Dictionary<string, string>
                {
                    ["WWW-Authenticate"] = $"Bearer authorization=\"{_server.BaseUrl.ToString().TrimEnd('/')}/{Tenant}\", resource=\"https://vault.azure.net\"",
                },
            };
        }

        if (Fault is { } fault)
        {
            return fault;
        }

        var name = version ?? _current;
        if (name is null || !_versions.TryGetValue(name, out var value))
        {
            return FakeResponse.Json(404, Error("SecretNotFound", $"A secret with (name/id) {SecretName} was not found in this key vault."));
        }

        if (_disabled.ContainsKey(name))
        {
            var disabled = Error("Forbidden", "Operation get is not allowed on a disabled secret.");
            disabled["error"]!["innererror"] = new JsonObject { ["code"] = "SecretDisabled" };
            return FakeResponse.Json(403, disabled);
        }

        return FakeResponse.Json(200, new JsonObject
        {
            ["value"] = value,
            ["id"] = new Uri(VaultUri, $"secrets/{SecretName}/{name}").ToString(),
            ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = 1_764_000_000, ["updated"] = 1_764_000_000, ["recoveryLevel"] = "Recoverable+Purgeable" },
        });
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    /// <summary>Stops the server (a test may stop it early to make the vault unreachable); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _server.DisposeAsync();
        _certificate.Dispose();
    }
}

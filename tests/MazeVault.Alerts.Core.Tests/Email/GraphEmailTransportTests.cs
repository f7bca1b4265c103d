using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Web;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>
/// The real GraphServiceClient against a local Graph server, with its token from a local https Azure AD token endpoint
/// (a self-signed certificate trusted by the identity HTTP client of this test only).
/// </summary>
public sealed class GraphEmailTransportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "87654321-dcba-4321-dcba-987654321000";
    private const string ClientSecret = "Gr4ph-Cl1ent-S3cret~value";
    private const string Sender = "noreply@company.com";
    private const string AccessToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.test-access-token.";
    private const string SendMailPath = "/v1.0/users/" + Sender + "/sendMail";

    private X509Certificate2 _tlsCertificate = null!;
    private FakeVendorServer _login = null!;
    private FakeVendorServer _graph = null!;
    private readonly string _directory = Directory.CreateTempSubdirectory("graph-test").FullName;

    public async Task InitializeAsync()
    {
        _tlsCertificate = TestCertificates.CreateLoopbackServer();
        _login = await FakeVendorServer.StartAsync(_tlsCertificate);
        _graph = await FakeVendorServer.StartAsync();
        _login.ServeIdentityPlatform(Tenant, AccessToken);
        _graph.On("POST", SendMailPath, new FakeResponse(202));
    }

    public async Task DisposeAsync()
    {
        await _login.DisposeAsync();
        await _graph.DisposeAsync();
        _tlsCertificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ChannelTestHost Host(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["O365_EMAIL_ENABLED"] = "true",
            ["O365_TENANT_ID"] = Tenant,
            ["O365_CLIENT_ID"] = ClientId,
            ["O365_CLIENT_SECRET"] = ClientSecret,
            ["O365_SENDER_EMAIL"] = Sender,
            ["O365_AUTH_METHOD"] = "client_secret",
            ["O365_GRAPH_BASE_URL"] = _graph.Url("/v1.0").ToString(),
            ["O365_AUTHORITY_HOST"] = _login.BaseUrl.ToString(),
            // SMTP configured too: Office365 must still win (the email priority).
            ["SMTP_HOST"] = "smtp.company.com",
            ["SMTP_FROM"] = "smtp@company.com",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var thumbprint = _tlsCertificate.GetCertHashString();
        // Azurite: the Test action counts each test email against the organization's daily email quota.
        return ChannelTestHost.Create(azurite.ConnectionString, settings: settings, configure: services =>
            services.AddHttpClient(GraphEmailTransport.IdentityClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Trust the test's own self-signed token endpoint, and nothing else.
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
            }));
    }

    private static EmailMessage Message() => new()
    {
        To = ["ops@company.com", "security@company.com"],
        Subject = "Certificate CN=example.com expires in 12 days",
        HtmlBody = "<p>Renew <b>CN=example.com</b></p>",
        TextBody = "Renew CN=example.com",
    };

    [Fact]
    public async Task Sends_mail_as_the_sender_with_a_client_secret_bearer_token()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        var outcome = await transport.SendAsync(Message(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        Assert.Equal("Office365 OAuth2", transport.Name);
        var token = Assert.Single(_login.RequestsTo("POST", $"/{Tenant}/oauth2/v2.0/token"));
        var form = HttpUtility.ParseQueryString(token.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(ClientId, form["client_id"]);
        Assert.Equal(ClientSecret, form["client_secret"]);
        Assert.Contains($"{_graph.BaseUrl.GetLeftPart(UriPartial.Authority)}/.default", form["scope"]);

        var send = Assert.Single(_graph.RequestsTo("POST", SendMailPath));
        Assert.Equal($"Bearer {AccessToken}", send.Header("Authorization"));
        // The SDK writes the action's parameters as "Message" and "SaveToSentItems"; Graph reads them case-insensitively.
        var body = JsonNode.Parse(send.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true })!;
        var message = body["message"]!;
        Assert.Equal("Certificate CN=example.com expires in 12 days", message["subject"]!.GetValue<string>());
        Assert.Equal("html", message["body"]!["contentType"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("<p>Renew <b>CN=example.com</b></p>", message["body"]!["content"]!.GetValue<string>());
        Assert.Equal(["ops@company.com", "security@company.com"], message["toRecipients"]!.AsArray().Select(r => r!["emailAddress"]!["address"]!.GetValue<string>()));
        Assert.False(body["saveToSentItems"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_token_is_cached_across_emails()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        await transport.SendAsync(Message(), CancellationToken.None);
        await transport.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(2, _graph.RequestsTo("POST", SendMailPath).Count);
        Assert.Single(_login.RequestsTo("POST", $"/{Tenant}/oauth2/v2.0/token"));
    }

    [Fact]
    public async Task Certificate_auth_sends_a_signed_client_assertion_instead_of_a_secret()
    {
        var pfx = TestCertificates.WriteClientPfx(_directory, "pfx-pass");
        using var host = Host(new Dictionary<string, string?>
        {
            ["O365_AUTH_METHOD"] = "certificate",
            ["O365_CLIENT_SECRET"] = "",
            ["O365_CERTIFICATE_PATH"] = pfx,
            ["O365_CERTIFICATE_PASSWORD"] = "pfx-pass",
        });

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var form = HttpUtility.ParseQueryString(Assert.Single(_login.RequestsTo("POST", $"/{Tenant}/oauth2/v2.0/token")).Body);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal(3, form["client_assertion"]!.Split('.').Length);
        Assert.Null(form["client_secret"]);
    }

    [Fact]
    public async Task Forbidden_means_the_mail_send_permission_or_admin_consent_is_missing()
    {
        using var host = Host();
        _graph.On("POST", SendMailPath, FakeResponse.Json(403, GraphError("ErrorAccessDenied", "Access is denied. Check credentials and try again.")));

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        var reason = Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason;
        Assert.StartsWith("graph sendMail error: 403 ErrorAccessDenied", reason);
        Assert.Contains("Mail.Send", reason);
        Assert.Contains("admin consent", reason);
    }

    [Fact]
    public async Task Not_found_means_an_invalid_sender_mailbox()
    {
        using var host = Host();
        _graph.On("POST", SendMailPath, FakeResponse.Json(404, GraphError("ErrorInvalidUser", "The requested user 'noreply@company.com' is invalid.")));

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        var reason = Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason;
        Assert.Contains("invalid sender mailbox", reason);
        Assert.Contains("O365_SENDER_EMAIL", reason);
    }

    [Fact]
    public async Task Throttling_is_retryable_after_the_given_seconds()
    {
        using var host = Host();
        _graph.On("POST", SendMailPath, FakeResponse.Json(429, GraphError("ApplicationThrottled", "Too many requests")) with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
        });

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<DeliveryOutcome.Retryable>(outcome).RetryAfter);
        Assert.Single(_graph.RequestsTo("POST", SendMailPath));
    }

    [Fact]
    public async Task A_rejected_client_secret_is_permanent_and_never_quoted()
    {
        using var host = Host();
        _login.On("POST", $"/{Tenant}/oauth2/v2.0/token", FakeResponse.Json(401, new JsonObject
        {
            ["error"] = "invalid_client",
            ["error_description"] = "AADSTS7000215: Invalid client secret provided.",
            ["error_codes"] = new JsonArray(7000215),
        }));

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        var reason = Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason;
        Assert.Contains("token request refused (401 AADSTS7000215): the client secret is wrong", reason);
        Assert.DoesNotContain(ClientSecret, reason);
        Assert.DoesNotContain(ClientSecret, host.AllLogText());
        Assert.Empty(_graph.Requests);
    }

    private Dictionary<string, string?> Method(string method) => method == "certificate"
        ? new()
        {
            ["O365_AUTH_METHOD"] = "certificate",
            ["O365_CLIENT_SECRET"] = "",
            ["O365_CERTIFICATE_PATH"] = TestCertificates.WriteClientPfx(_directory, "pfx-pass"),
            ["O365_CERTIFICATE_PASSWORD"] = "pfx-pass",
        }
        : new() { ["O365_AUTH_METHOD"] = "client_secret" };

    private static FakeResponse TokenError(int status, string error, int aadsts, string description) => FakeResponse.Json(status, new JsonObject
    {
        ["error"] = error,
        ["error_description"] = $"AADSTS{aadsts}: {description}",
        ["error_codes"] = new JsonArray(aadsts),
    });

    [Theory]
    [InlineData("client_secret", 503)]
    [InlineData("client_secret", 429)]
    [InlineData("certificate", 503)]
    [InlineData("certificate", 500)]
    public async Task An_identity_platform_that_cannot_answer_now_is_retried_and_the_email_goes_once_it_recovers(string method, int status)
    {
        using var host = Host(Method(method));
        var outage = FakeResponse.Json(status, new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = "AADSTS90033: A transient error has occurred." })
            with { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } };
        _login.On("POST", $"/{Tenant}/oauth2/v2.0/token", outage);
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        var during = await transport.SendAsync(Message(), CancellationToken.None);

        var retryable = Assert.IsType<DeliveryOutcome.Retryable>(during);
        Assert.Equal($"graph sendMail error: the identity platform answered {status} to the token request", retryable.Reason);
        Assert.Equal(TimeSpan.FromSeconds(1), retryable.RetryAfter);
        Assert.Empty(_graph.Requests);

        // The identity platform is back; the retry comes no sooner than its Retry-After (MSAL holds requests until then).
        _login.ServeIdentityPlatform(Tenant, AccessToken);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.IsType<DeliveryOutcome.Delivered>(await transport.SendAsync(Message(), CancellationToken.None));
        Assert.Single(_graph.RequestsTo("POST", SendMailPath));
    }

    [Theory]
    [InlineData("client_secret", 401, "invalid_client", 7000215, "O365_CLIENT_SECRET")]
    [InlineData("client_secret", 401, "invalid_client", 7000222, "has expired")]
    [InlineData("client_secret", 400, "unauthorized_client", 700016, "no application O365_CLIENT_ID in tenant O365_TENANT_ID")]
    [InlineData("client_secret", 400, "invalid_request", 90002, "tenant O365_TENANT_ID was not found")]
    [InlineData("certificate", 401, "invalid_client", 700027, "upload the public key of O365_CERTIFICATE_PATH")]
    [InlineData("certificate", 400, "unauthorized_client", 7000112, "the application is disabled")]
    public async Task A_definitive_refusal_is_permanent_and_names_what_to_check(string method, int status, string error, int aadsts, string advice)
    {
        using var host = Host(Method(method));
        _login.On("POST", $"/{Tenant}/oauth2/v2.0/token", TokenError(status, error, aadsts, "Refused."));

        var outcome = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);

        var reason = Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason;
        Assert.StartsWith($"graph sendMail error: Azure AD token request refused ({status} AADSTS{aadsts}): ", reason);
        Assert.Contains(advice, reason);
        Assert.DoesNotContain(ClientSecret, reason);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task The_test_action_reports_the_same_classification_per_recipient()
    {
        using var host = Host();
        _login.On("POST", $"/{Tenant}/oauth2/v2.0/token", TokenError(401, "invalid_client", 7000222, "The client secret has expired."));
        var target = TestIntegrations.Of("mail", TestIntegrations.Email, TestIntegrations.EmailSettings("ops@company.com"));

        var result = await host.Channel(TestIntegrations.Email).TestAsync(Samples.CertificateExpiring() with { IsTest = true }, target, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(
            "graph sendMail error: Azure AD token request refused (401 AADSTS7000222): the client secret has expired: create a new one on the app registration and update O365_CLIENT_SECRET",
            Assert.Single(result.Recipients).Error);
    }

    private static JsonObject GraphError(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}

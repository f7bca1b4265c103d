using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>
/// O365_AUTH_METHOD=managed_identity through the real ManagedIdentityCredential and Graph client, with the App Service
/// identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER) served by a local server that can answer each failure.
/// </summary>
[Collection(nameof(ManagedIdentityEnvironment))]
public sealed class ManagedIdentityTokenTests : IAsyncLifetime
{
    private const string SendMailPath = "/v1.0/users/noreply@company.com/sendMail";
    private const string IdentityPath = "/msi/token";
    private FakeVendorServer _identity = null!;
    private FakeVendorServer _graph = null!;

    public async Task InitializeAsync()
    {
        _identity = await FakeVendorServer.StartAsync();
        _graph = await FakeVendorServer.StartAsync();
        _graph.On("POST", SendMailPath, new FakeResponse(202));
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _identity.Url(IdentityPath).ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "local-identity-header");
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        await _identity.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private ChannelTestHost Host() => ChannelTestHost.Create(settings: new Dictionary<string, string?>
    {
        ["O365_EMAIL_ENABLED"] = "true",
        ["O365_TENANT_ID"] = "11111111-2222-3333-4444-555555555555",
        ["O365_CLIENT_ID"] = "22222222-3333-4444-5555-666666666666",
        ["O365_AUTH_METHOD"] = "managed_identity",
        ["O365_SENDER_EMAIL"] = "noreply@company.com",
        ["O365_GRAPH_BASE_URL"] = _graph.Url("/v1.0").ToString(),
    });

    private static EmailMessage Message() => new()
    {
        Subject = "Certificate CN=example.com expires in 12 days",
        HtmlBody = "<p>Renew</p>",
        TextBody = "Renew",
        To = ["ops@company.com"],
    };

    private static FakeResponse Token() => FakeResponse.Json(200, new JsonObject
    {
        ["access_token"] = "mi-access-token",
        ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(),
        ["resource"] = "https://graph.microsoft.com",
        ["token_type"] = "Bearer",
    });

    [Fact]
    public async Task An_identity_endpoint_outage_is_retried_and_a_missing_identity_is_permanent()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        _identity.On("GET", IdentityPath, FakeResponse.Json(503, new JsonObject { ["statusCode"] = 503, ["message"] = "The identity endpoint is starting." }));
        var outage = await transport.SendAsync(Message(), CancellationToken.None);
        _identity.On("GET", IdentityPath, FakeResponse.Json(400, new JsonObject { ["statusCode"] = 400, ["message"] = "No User Assigned or Delegated Managed Identity found for specified ClientId." }));
        var missing = await transport.SendAsync(Message(), CancellationToken.None);
        _identity.On("GET", IdentityPath, Token());
        var recovered = await transport.SendAsync(Message(), CancellationToken.None);

        Assert.Equal("graph sendMail error: the identity platform answered 503 to the token request", Assert.IsType<DeliveryOutcome.Retryable>(outage).Reason);
        Assert.StartsWith("graph sendMail error: Azure AD token request refused (400 ", Assert.IsType<DeliveryOutcome.Permanent>(missing).Reason);
        Assert.IsType<DeliveryOutcome.Delivered>(recovered);
        Assert.Equal("Bearer mi-access-token", Assert.Single(_graph.RequestsTo("POST", SendMailPath)).Header("Authorization"));
    }
}

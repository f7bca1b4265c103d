using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Email;

/// <summary>
/// O365_AUTH_METHOD=managed_identity through the real ManagedIdentityCredential and Graph client, with the App Service
/// identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER) served by a local server that can answer each failure. The
/// identity endpoint listens on a loopback address of its own and Graph on another, so a test can open only Graph's.
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
        _identity = await FakeVendorServer.StartAsync(address: TestNetworks.Platform);
        _graph = await FakeVendorServer.StartAsync(address: TestNetworks.Vendors);
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

    private ChannelTestHost Host(string allowedNetworks = TestNetworks.Loopback) => ChannelTestHost.Create(settings: new Dictionary<string, string?>
    {
        ["EGRESS_ALLOWED_NETWORKS"] = allowedNetworks,
        // The app reads the platform's settings from its configuration, which in Azure includes the environment.
        ["IDENTITY_ENDPOINT"] = _identity.Url(IdentityPath).ToString(),
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

    [Fact]
    public async Task An_identity_endpoint_outage_is_retried_and_a_missing_identity_is_permanent()
    {
        using var host = Host();
        var transport = host.Services.GetRequiredService<IEmailTransport>();

        _identity.On("GET", IdentityPath, FakeResponse.Json(503, new JsonObject { ["statusCode"] = 503, ["message"] = "The identity endpoint is starting." }));
        var outage = await transport.SendAsync(Message(), CancellationToken.None);
        _identity.On("GET", IdentityPath, FakeResponse.Json(400, new JsonObject { ["statusCode"] = 400, ["message"] = "No User Assigned or Delegated Managed Identity found for specified ClientId." }));
        var missing = await transport.SendAsync(Message(), CancellationToken.None);
        _identity.ServeManagedIdentity(IdentityPath, "mi-access-token");
        var recovered = await transport.SendAsync(Message(), CancellationToken.None);

        Assert.Equal("graph sendMail error: the identity platform answered 503 to the token request", Assert.IsType<DeliveryOutcome.Retryable>(outage).Reason);
        Assert.StartsWith("graph sendMail error: Azure AD token request refused (400 ", Assert.IsType<DeliveryOutcome.Permanent>(missing).Reason);
        Assert.IsType<DeliveryOutcome.Delivered>(recovered);
        Assert.Equal("Bearer mi-access-token", Assert.Single(_graph.RequestsTo("POST", SendMailPath)).Header("Authorization"));
    }

    [Fact]
    public async Task The_identity_endpoint_is_reached_for_the_token_without_being_allowed_and_stays_closed_to_webhooks()
    {
        using var host = Host(allowedNetworks: TestNetworks.VendorsOnly);
        _identity.ServeManagedIdentity(IdentityPath, "mi-access-token");
        _identity.On("POST", IdentityPath, new FakeResponse(200));

        var email = await host.Services.GetRequiredService<IEmailTransport>().SendAsync(Message(), CancellationToken.None);
        var webhook = await host.Channel(WebhookChannel.Type).SendAsync(Samples.CertificateExpiring(),
            TestIntegrations.Of("to-identity", WebhookChannel.Type, TestIntegrations.WebhookSettings(_identity.Url(IdentityPath).ToString())), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(email);
        Assert.Equal("Bearer mi-access-token", Assert.Single(_graph.RequestsTo("POST", SendMailPath)).Header("Authorization"));
        Assert.Equal("webhook failed: destination not allowed", Assert.IsType<DeliveryOutcome.Permanent>(webhook).Reason);
        Assert.Empty(_identity.RequestsTo("POST", IdentityPath));
    }
}

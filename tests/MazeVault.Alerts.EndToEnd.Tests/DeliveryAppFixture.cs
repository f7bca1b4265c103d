using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app plus a local HTTPS vendor server (integration URLs must be https). The worker process trusts
/// the server's self-signed certificate as its only root through OpenSSL's <c>SSL_CERT_FILE</c>.
/// </summary>
public class DeliveryAppFixture : AlertsAppFixture
{
    private readonly string _trustFile = Path.Combine(Path.GetTempPath(), $"testhost-trust-{Guid.NewGuid():N}.pem");
    // Kept for the fixture's lifetime: the server's TLS handshakes use its private key.
    private X509Certificate2? _certificate;

    public DeliveryAppFixture()
    {
    }

    protected DeliveryAppFixture(string appDirectoryKey)
        : base(appDirectoryKey)
    {
    }

    public FakeVendorServer Vendor { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        _certificate = TestCertificates.CreateLoopbackServer();
        await File.WriteAllTextAsync(_trustFile, _certificate.ExportCertificatePem());
        Vendor = await FakeVendorServer.StartAsync(_certificate);
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings) => settings["SSL_CERT_FILE"] = _trustFile;

    /// <summary>Another HTTPS server the worker trusts (same certificate), on a port of its own: another origin. The caller disposes it.</summary>
    public Task<FakeVendorServer> StartAnotherVendorAsync() => FakeVendorServer.StartAsync(_certificate);

    /// <summary>
    /// Creates a Slack integration of <paramref name="organizationId"/> posting to <paramref name="hookPath"/> on the vendor
    /// server (answering 200) and reports an incident over HTTP; the 202 body.
    /// </summary>
    public async Task<JsonElement> ReportIncidentToSlackAsync(string organizationId, string hookPath)
    {
        Vendor.On("POST", hookPath, FakeResponse.Text(200, "ok"));
        using var integration = await Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations",
            new { type = "slack", name = "Security", slackWebhookUrl = Vendor.Url(hookPath).AbsoluteUri });
        await HostAssert.StatusAsync(App, HttpStatusCode.Created, integration);

        using var incident = await Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/incidents",
            new
            {
                type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db-password",
                detectedAt = DateTimeOffset.UtcNow, changeDetails = "read from an unknown IP",
            });
        await HostAssert.StatusAsync(App, HttpStatusCode.Accepted, incident);
        return JsonDocument.Parse(await incident.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Vendor is not null)
        {
            await Vendor.DisposeAsync();
        }

        _certificate?.Dispose();
        File.Delete(_trustFile);
    }
}

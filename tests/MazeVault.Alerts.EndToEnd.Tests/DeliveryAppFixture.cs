using System.Security.Cryptography.X509Certificates;
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

    public FakeVendorServer Vendor { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        _certificate = TestCertificates.CreateLoopbackServer();
        await File.WriteAllTextAsync(_trustFile, _certificate.ExportCertificatePem());
        Vendor = await FakeVendorServer.StartAsync(_certificate);
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings) => settings["SSL_CERT_FILE"] = _trustFile;

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

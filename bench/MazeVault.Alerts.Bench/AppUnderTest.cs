using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using MazeVault.Alerts.TestHost;
using MazeVault.Alerts.TestSupport;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// The compiled MazeVault.Alerts.Functions (Release build output) under the test host, on its own Azurite, with a local
/// HTTPS vendor server that answers at once; the worker trusts the server's certificate through <c>SSL_CERT_FILE</c>.
/// </summary>
internal sealed class AppUnderTest : IAsyncDisposable
{
    private readonly string _trustFile = Path.Combine(Path.GetTempPath(), $"bench-trust-{Guid.NewGuid():N}.pem");
    // Kept for the app's lifetime: the server's TLS handshakes use its private key.
    private X509Certificate2? _certificate;

    public AzuriteFixture Azurite { get; } = new();
    public FakeVendorServer Vendor { get; private set; } = null!;
    public FunctionsAppHost App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public static async Task<AppUnderTest> StartAsync()
    {
        var app = new AppUnderTest();
        try
        {
            app._certificate = TestCertificates.CreateLoopbackServer();
            await File.WriteAllTextAsync(app._trustFile, app._certificate.ExportCertificatePem());
            app.Vendor = await FakeVendorServer.StartAsync(app._certificate);
            await app.Azurite.InitializeAsync();
            app.App = await FunctionsAppHost.StartAsync(new FunctionsAppHostOptions { AppDirectory = AppDirectory(), Settings = app.Settings() });
            app.Client = app.App.CreateClient();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The delivery queue the app's delivery trigger reads (the sample settings name it).</summary>
    public string DeliveryQueue { get; private set; } = "";

    private Dictionary<string, string> Settings()
    {
        var settings = SampleAppSettings.On(Azurite);
        settings["SSL_CERT_FILE"] = _trustFile;
        // The intake figure is one organization reporting as fast as it can: far past any quota a deployment would set.
        settings["QUOTA_INCIDENTS_PER_MINUTE"] = "100000";
        DeliveryQueue = settings["DELIVERY_QUEUE_NAME"];
        return settings;
    }

    /// <summary>Where the build put the app (recorded at build time as assembly metadata).</summary>
    private static string AppDirectory() => typeof(AppUnderTest).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AlertsAppDirectory").Value!;

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        if (Vendor is not null)
        {
            await Vendor.DisposeAsync();
        }

        _certificate?.Dispose();
        File.Delete(_trustFile);
    }
}

using MazeVault.Alerts.TestSupport;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app as App Service runs it with a managed identity: O365_AUTH_METHOD=managed_identity, the platform's
/// identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER) served over http on <see cref="TestNetworks.Platform"/>, Graph on the
/// vendor server at <see cref="TestNetworks.Vendors"/>, and HTTPS_PROXY pointing at a loopback proxy. EGRESS_ALLOWED_NETWORKS
/// opens only the vendors' address unless a test restarts the app with <see cref="AllowedNetworks"/> changed.
/// </summary>
public sealed class EgressAppFixture : DeliveryAppFixture
{
    public const string Sender = "alerts@company.com";
    public const string SendMailPath = "/v1.0/users/" + Sender + "/sendMail";
    public const string IdentityPath = "/msi/token";
    public const string AccessToken = "mi-access-token";

    public FakeVendorServer Identity { get; private set; } = null!;
    public RecordingProxy Proxy { get; private set; } = null!;

    /// <summary>EGRESS_ALLOWED_NETWORKS at the app's next start.</summary>
    public string AllowedNetworks { get; set; } = TestNetworks.VendorsOnly;

    public override async Task InitializeAsync()
    {
        Identity = await FakeVendorServer.StartAsync(address: TestNetworks.Platform);
        Identity.ServeManagedIdentity(IdentityPath, AccessToken);
        Proxy = RecordingProxy.Start();
        await base.InitializeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["EGRESS_ALLOWED_NETWORKS"] = AllowedNetworks;
        // What App Service sets for a managed identity: a local http endpoint and the header that proves the caller is on the box.
        settings["IDENTITY_ENDPOINT"] = Identity.Url(IdentityPath).ToString();
        settings["IDENTITY_HEADER"] = "local-identity-header";
        settings["HTTPS_PROXY"] = Proxy.Url.ToString();
        settings["O365_EMAIL_ENABLED"] = "true";
        settings["O365_TENANT_ID"] = "11111111-2222-3333-4444-555555555555";
        settings["O365_CLIENT_ID"] = "22222222-3333-4444-5555-666666666666";
        settings["O365_AUTH_METHOD"] = "managed_identity";
        settings["O365_SENDER_EMAIL"] = Sender;
        settings["O365_GRAPH_BASE_URL"] = Vendor.Url("/v1.0").ToString();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }
}

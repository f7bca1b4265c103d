using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled app sending through SMTP to a real SMTP server in the test.</summary>
public sealed class ChannelsAppFixture : AlertsAppFixture, IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    protected override void Configure(Dictionary<string, string> settings)
    {
        // Settings() runs synchronously just before the app starts, and the app needs the server's port.
        Smtp = SmtpTestServer.StartAsync().GetAwaiter().GetResult();
        settings["SMTP_HOST"] = Smtp.Host;
        settings["SMTP_PORT"] = Smtp.Port.ToString();
        settings["SMTP_FROM"] = "alerts@company.com";
        settings["SMTP_SECURITY"] = "none";
        // Per organization, and each test uses one of its own: room for a test of two recipients, not of three.
        settings["QUOTA_EMAILS_PER_DAY"] = "2";
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app in keys mode (a submitter and an admin key of organization A) sending email through SMTP to a real
/// SMTP server in the test (sender alerts@company.com), with an incident quota of 3 per minute.
/// </summary>
public sealed class RecipientPolicyAppFixture : KeysAccessAppFixture, IAsyncLifetime
{
    public const int IncidentsPerMinute = 3;

    public SmtpTestServer Smtp { get; private set; } = null!;

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        // Settings() runs synchronously just before the app starts, and the app needs the server's port.
        Smtp = SmtpTestServer.StartAsync().GetAwaiter().GetResult();
        settings["SMTP_HOST"] = Smtp.Host;
        settings["SMTP_PORT"] = Smtp.Port.ToString();
        settings["SMTP_FROM"] = "alerts@company.com";
        settings["SMTP_SECURITY"] = "none";
        settings["QUOTA_INCIDENTS_PER_MINUTE"] = IncidentsPerMinute.ToString();
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled app with Office365 email switched on but its sender and app registration missing.</summary>
public sealed class EmailMisconfiguredAppFixture : AlertsAppFixture
{
    public const string ClientSecret = "E2e-Misconfigured-Secret";

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["O365_EMAIL_ENABLED"] = "true";
        settings["O365_CLIENT_SECRET"] = ClientSecret;
        settings["O365_TENANT_ID"] = "";
        settings["O365_SENDER_EMAIL"] = "";
    }
}

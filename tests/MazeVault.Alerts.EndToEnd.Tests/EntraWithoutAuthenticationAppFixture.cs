namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// ACCESS_MODE=entra where the platform does not show App Service Authentication on (WEBSITE_AUTH_ENABLED missing), with a
/// bootstrap key set: the configuration that used to open every route.
/// </summary>
public sealed class EntraWithoutAuthenticationAppFixture : AlertsAppFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["ACCESS_MODE"] = "entra";
        settings["ACCESS_ADMIN_KEY"] = KeysAccessAppFixture.BootstrapKey;
        settings.Remove("WEBSITE_AUTH_ENABLED");
    }
}

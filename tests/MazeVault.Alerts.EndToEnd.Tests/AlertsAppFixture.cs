using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled MazeVault.Alerts.Functions with the sample settings and storage on the fixture's Azurite.</summary>
public class AlertsAppFixture : AppFixture
{
    public AlertsAppFixture()
        : this("AlertsAppDirectory")
    {
    }

    /// <summary>Another build of the app, by its AssemblyMetadata key (the plug-in app: the app plus a test-only channel).</summary>
    protected AlertsAppFixture(string appDirectoryKey)
        : base(appDirectoryKey)
    {
    }

    public static string NewOrganizationId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    protected override Dictionary<string, string> Settings()
    {
        var settings = SampleAppSettings.On(Azurite);
        // Failed queue messages come back at once instead of after host.json's 30 s, so retry and poison paths stay fast.
        settings["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00";
        Configure(settings);
        return settings;
    }

    /// <summary>A hook for a test class that needs other settings (e.g. local vendor server URLs).</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }
}

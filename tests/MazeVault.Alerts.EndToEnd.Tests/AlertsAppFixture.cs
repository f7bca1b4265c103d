using System.Text.Json.Nodes;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The compiled MazeVault.Alerts.Functions with the sample settings and storage on the fixture's Azurite.</summary>
public class AlertsAppFixture() : AppFixture("AlertsAppDirectory")
{
    public static string NewOrganizationId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    protected override Dictionary<string, string> Settings()
    {
        // The sample file is the agreed full set, so options validated at start-up find every key.
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var settings = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        settings["AzureWebJobsStorage"] = Azurite.ConnectionString;
        // The local vendor servers are on loopback, which the egress guard refuses unless opened.
        settings["EGRESS_ALLOWED_NETWORKS"] = TestNetworks.Loopback;
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

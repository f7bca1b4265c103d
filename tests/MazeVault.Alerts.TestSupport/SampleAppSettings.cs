using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestSupport;

/// <summary>The compiled app's settings for a run on this machine (end-to-end tests, the benchmark).</summary>
public static class SampleAppSettings
{
    /// <summary>
    /// local.settings.sample.json, the agreed full set (so options validated at start-up find every key), with storage
    /// on <paramref name="azurite"/> and loopback opened for the local vendor servers (the egress guard refuses it otherwise).
    /// </summary>
    public static Dictionary<string, string> On(AzuriteFixture azurite)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var settings = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["EGRESS_ALLOWED_NETWORKS"] = TestNetworks.Loopback;
        return settings;
    }
}

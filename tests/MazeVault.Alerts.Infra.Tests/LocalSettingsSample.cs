using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>The Values of local.settings.sample.json, the local counterpart of the Bicep app settings.</summary>
public static class LocalSettingsSample
{
    public static IReadOnlyDictionary<string, string> Values()
    {
        var json = JsonNode.Parse(File.ReadAllText(InfraPaths.LocalSettingsSample))!;
        return json["Values"]!.AsObject().ToDictionary(p => p.Key, p => ArmTemplate.Text(p.Value), StringComparer.Ordinal);
    }
}

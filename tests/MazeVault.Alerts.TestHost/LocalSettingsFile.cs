using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// local.settings.json as <c>func start</c> reads it: the <c>Values</c> become app settings, except where an
/// environment variable of the same name is set, which wins; <c>Host.LocalHttpPort</c> picks the HTTP port.
/// </summary>
internal sealed record LocalSettingsFile(IReadOnlyDictionary<string, string> Values, int? LocalHttpPort)
{
    public static LocalSettingsFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FunctionsHostException("read settings", $"no {path}: copy local.settings.sample.json there (npm start does).");
        }

        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FunctionsHostException("read settings", $"{path} is not a JSON object.");
        var values = (root["Values"] as JsonObject ?? []).ToDictionary(
            p => p.Key,
            p => Environment.GetEnvironmentVariable(p.Key) ?? p.Value?.ToString() ?? "");
        var port = root["Host"]?["LocalHttpPort"]?.GetValue<int>();
        return new LocalSettingsFile(values, port);
    }
}

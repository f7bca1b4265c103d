using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// The app settings and the host.json values the host side applies (HTTP route prefix, queue trigger behaviour),
/// with the real host's override form <c>AzureFunctionsJobHost__path__to__key</c> taking precedence over host.json.
/// </summary>
internal sealed partial class AppSettings(IReadOnlyDictionary<string, string> settings, JsonObject hostJson)
{
    public const string DefaultConnection = "AzureWebJobsStorage";

    public IReadOnlyDictionary<string, string> Values => settings;

    public string RoutePrefix => HostValue("extensions:http:routePrefix") ?? "api";
    public int QueueBatchSize => int.Parse(HostValue("extensions:queues:batchSize") ?? "16");
    public int MaxDequeueCount => int.Parse(HostValue("extensions:queues:maxDequeueCount") ?? "5");
    public TimeSpan VisibilityTimeout => TimeSpan.Parse(HostValue("extensions:queues:visibilityTimeout") ?? "00:00:00");

    public static AppSettings Load(string appDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var path = Path.Combine(appDirectory, "host.json");
        var hostJson = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
        return new AppSettings(settings, hostJson);
    }

    /// <summary>Replaces each <c>%NAME%</c> with the app setting, as the host resolves binding expressions; <paramref name="usedBy"/> names the step in the error.</summary>
    public string Resolve(string expression, string usedBy) => SettingReference().Replace(expression, match =>
        settings.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new FunctionsHostException(usedBy, $"the app setting '{match.Groups[1].Value}' used as %{match.Groups[1].Value}% is not set."));

    /// <summary>The storage connection string a binding names (default <c>AzureWebJobsStorage</c>, also tried as <c>AzureWebJobs{name}</c>).</summary>
    public string ConnectionString(string? connection)
    {
        var name = string.IsNullOrEmpty(connection) ? DefaultConnection : connection;
        if (settings.TryGetValue(name, out var value) || settings.TryGetValue("AzureWebJobs" + name, out value))
        {
            return value;
        }

        throw new FunctionsHostException("resolve connection", $"the storage connection setting '{name}' is not set.");
    }

    private string? HostValue(string path)
    {
        if (settings.TryGetValue("AzureFunctionsJobHost__" + path.Replace(":", "__"), out var overridden))
        {
            return overridden;
        }

        JsonNode? node = hostJson;
        foreach (var key in path.Split(':'))
        {
            node = node is JsonObject obj
                ? obj.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value
                : null;
        }

        return node?.ToString();
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}

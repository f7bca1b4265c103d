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

    /// <summary>A new batch is fetched once this many or fewer messages are in flight; the extension's default is half the batch.</summary>
    public int NewBatchThreshold => HostValue("extensions:queues:newBatchThreshold") is { } value ? int.Parse(value) : QueueBatchSize / 2;

    public int MaxDequeueCount => int.Parse(HostValue("extensions:queues:maxDequeueCount") ?? "5");
    public TimeSpan VisibilityTimeout => TimeSpan.Parse(HostValue("extensions:queues:visibilityTimeout") ?? "00:00:00");

    /// <summary>The longest wait between polls of an empty queue (the extension backs off up to this; default one minute).</summary>
    public TimeSpan MaxPollingInterval => TimeSpan.Parse(HostValue("extensions:queues:maxPollingInterval") ?? "00:01:00");

    /// <summary>host.json's <c>functionTimeout</c>; without it, the 30 minutes of Flex Consumption and Premium.</summary>
    public TimeSpan FunctionTimeout => TimeSpan.Parse(HostValue("functionTimeout") ?? "00:30:00");

    /// <summary>The real host answers 413 to a larger request body; <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c> overrides its 100 MB.</summary>
    public long RequestBodySizeLimit => settings.TryGetValue("FUNCTIONS_REQUEST_BODY_SIZE_LIMIT", out var limit) && limit.Length > 0
        ? long.Parse(limit)
        : 104_857_600;

    /// <summary>The zone timer schedules are read in: <c>WEBSITE_TIME_ZONE</c> where the plan honours it, otherwise UTC.</summary>
    public TimeZoneInfo TimerTimeZone => settings.TryGetValue("WEBSITE_TIME_ZONE", out var zone) && zone.Length > 0
        ? TimeZoneInfo.FindSystemTimeZoneById(zone)
        : TimeZoneInfo.Utc;

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

using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>
/// A local Application Insights ingestion endpoint that speaks the Breeze track API (v2.1) the Azure Monitor exporter
/// calls: <c>POST /v2.1/track</c> with a gzip, newline-delimited batch of telemetry envelopes, answered with
/// <c>itemsReceived</c>, <c>itemsAccepted</c> and per-item <c>errors</c> (206 when some items are refused). It also answers
/// the Live Metrics ping as a stream nobody watches. Tests point a connection string at it and read what arrived.
/// </summary>
public sealed class FakeApplicationInsights : IAsyncDisposable
{
    public const string InstrumentationKey = "00000000-0000-4000-8000-0000000000a1";
    private static readonly string[] DataTypes = ["MessageData", "RequestData", "RemoteDependencyData", "MetricData", "ExceptionData", "EventData"];

    private readonly FakeVendorServer _server;

    private FakeApplicationInsights(FakeVendorServer server) => _server = server;

    /// <summary>
    /// The settings that keep an Azure Monitor exporter on loopback: its SDK statistics would otherwise report to
    /// Microsoft's public endpoints and ask the instance metadata service about the machine.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoopbackOnlySettings { get; } = new Dictionary<string, string>
    {
        ["APPLICATIONINSIGHTS_STATSBEAT_DISABLED"] = "true",
        ["APPLICATIONINSIGHTS_SDKSTATS_DISABLED"] = "true",
    };

    /// <summary>Ingestion and Live Metrics both on this server.</summary>
    public string ConnectionString =>
        $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={_server.BaseUrl};LiveEndpoint={_server.BaseUrl}";

    /// <summary>Every envelope accepted so far, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Envelopes => _server.Requests
        .Where(r => r.Method == "POST" && r.Path == "/v2.1/track")
        .SelectMany(r => Batch(r.Body))
        .Where(Valid)
        .ToList();

    /// <summary>The raw bodies as received, for checks that nothing secret was sent at all.</summary>
    public IReadOnlyList<string> RawBatches => _server.Requests.Where(r => r.Path == "/v2.1/track").Select(r => r.Body).ToList();

    public static async Task<FakeApplicationInsights> StartAsync()
    {
        foreach (var (name, value) in LoopbackOnlySettings)
        {
            // The exporter reads these from the process environment, not from configuration.
            Environment.SetEnvironmentVariable(name, value);
        }

        var server = await FakeVendorServer.StartAsync();
        var ingestion = new FakeApplicationInsights(server);
        server.On("POST", "/v2.1/track", Track);
        var unwatched = new FakeResponse(200)
        {
            Headers = new Dictionary<string, string> { ["x-ms-qps-subscribed"] = "false", ["x-ms-qps-service-polling-interval-hint"] = "60000" },
        };
        server.On("POST", "/QuickPulseService.svc/ping", unwatched);
        server.On("POST", "/QuickPulseService.svc/post", unwatched);
        return ingestion;
    }

    /// <summary>Envelopes of one data type (<c>MessageData</c>, <c>RequestData</c>, <c>RemoteDependencyData</c>, <c>MetricData</c>…).</summary>
    public IReadOnlyList<JsonObject> Of(string baseType) =>
        Envelopes.Where(e => e["data"]?["baseType"]?.GetValue<string>() == baseType).ToList();

    /// <summary>Waits until an envelope matching <paramref name="match"/> has arrived; exporters send in batches.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Envelopes.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No telemetry envelope matched within {timeout.TotalSeconds:0.#} s; {Envelopes.Count} arrived.");
            }

            await Task.Delay(100);
        }
    }

    private static FakeResponse Track(RecordedRequest request)
    {
        var items = Batch(request.Body);
        var errors = new JsonArray();
        for (var index = 0; index < items.Count; index++)
        {
            if (!Valid(items[index]))
            {
                errors.Add(new JsonObject { ["index"] = index, ["statusCode"] = 400, ["message"] = "Field 'name', 'time' or 'data' on type Envelope is required." });
            }
        }

        var answer = new JsonObject
        {
            ["itemsReceived"] = items.Count,
            ["itemsAccepted"] = items.Count - errors.Count,
            ["appId"] = null,
            ["errors"] = errors,
        };
        return FakeResponse.Json(errors.Count == 0 ? 200 : items.Count == errors.Count ? 400 : 206, answer);
    }

    /// <summary>A batch is newline-delimited JSON; a JSON array is accepted too, as the service does.</summary>
    private static List<JsonObject> Batch(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('['))
        {
            return JsonNode.Parse(trimmed)!.AsArray().Select(item => item as JsonObject ?? []).ToList();
        }

        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line) as JsonObject ?? [])
            .ToList();
    }

    private static bool Valid(JsonObject item) =>
        item["name"] is JsonValue && item["time"] is JsonValue && item["iKey"]?.GetValue<string>() == InstrumentationKey
        && item["data"] is JsonObject { } data && data["baseData"] is JsonObject
        && data["baseType"] is JsonValue type && DataTypes.Contains(type.GetValue<string>());

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

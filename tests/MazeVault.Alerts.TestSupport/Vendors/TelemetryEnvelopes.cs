using System.Globalization;
using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>Reading an Application Insights telemetry envelope as <see cref="FakeApplicationInsights"/> received it.</summary>
public static class TelemetryEnvelopes
{
    /// <summary><c>MessageData</c>, <c>RequestData</c>, <c>RemoteDependencyData</c>, <c>MetricData</c>…</summary>
    public static string? BaseType(this JsonObject envelope) => envelope["data"]?["baseType"]?.GetValue<string>();

    public static JsonObject BaseData(this JsonObject envelope) => envelope["data"]!["baseData"]!.AsObject();

    /// <summary>A span's name (requests and dependencies).</summary>
    public static string? SpanName(this JsonObject envelope) => envelope.BaseData()["name"]?.GetValue<string>();

    /// <summary>A log line's formatted message.</summary>
    public static string? Message(this JsonObject envelope) => envelope.BaseData()["message"]?.GetValue<string>();

    public static string? MetricName(this JsonObject envelope) => envelope.BaseData()["metrics"]?[0]?["name"]?.GetValue<string>();

    /// <summary>A context tag such as <c>ai.operation.id</c> (the trace id) or <c>ai.operation.parentId</c>.</summary>
    public static string? Tag(this JsonObject envelope, string key) =>
        envelope["tags"]?[key] is JsonValue value ? Convert.ToString(value.GetValue<object>(), CultureInfo.InvariantCulture) : null;

    /// <summary>A custom dimension: a span attribute, a log line's state value or a metric's tag.</summary>
    public static string? Property(this JsonObject envelope, string key) => envelope.BaseData()["properties"]?[key]?.GetValue<string>();
}

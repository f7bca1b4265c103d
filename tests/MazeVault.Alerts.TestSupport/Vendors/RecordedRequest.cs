using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>One request as the fake vendor received it. Header names are case-insensitive.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request body is JSON null.");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

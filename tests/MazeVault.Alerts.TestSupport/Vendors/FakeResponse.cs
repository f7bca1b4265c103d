using System.Text.Json.Nodes;

namespace MazeVault.Alerts.TestSupport.Vendors;

/// <summary>What the fake vendor answers: status, body, extra headers, and an optional delay (for timeout tests).</summary>
public sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public TimeSpan Delay { get; init; }

    /// <summary>Reset the connection instead of answering: the request was received (and recorded), its answer is lost.</summary>
    public bool Reset { get; init; }

    public static FakeResponse Json(int status, JsonNode body) => new(status, body.ToJsonString());
    public static FakeResponse Text(int status, string body) => new(status, body, "text/plain");
}

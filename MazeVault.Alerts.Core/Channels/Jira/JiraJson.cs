using System.Text.Json;
using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>Reads JIRA's answers so that an unexpected shape (an array or a string where an object belongs) reads as absent, never as an exception.</summary>
internal static class JiraJson
{
    public static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The node at <paramref name="path"/> (property names and array indexes), or null.</summary>
    public static JsonNode? At(JsonNode? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int index ? (node as JsonArray) is { } array && index < array.Count ? array[index] : null : (node as JsonObject)?[(string)step];
        }

        return node;
    }

    public static string? String(JsonNode? node, params object[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

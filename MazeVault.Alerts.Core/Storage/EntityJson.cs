using System.Text.Json;

namespace MazeVault.Alerts.Core.Storage;

/// <summary>Lists stored as one JSON string property (Table Storage has no list type).</summary>
internal static class EntityJson
{
    public static string Write(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}

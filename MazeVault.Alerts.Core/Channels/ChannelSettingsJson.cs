using System.Text.Json;
using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// How channel settings read from API input and are written to responses and storage: the API's camelCase names and
/// enum spellings; secrets written only as their masked view (<see cref="Secrets.SecretJsonConverter"/>).
/// </summary>
public static class ChannelSettingsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The API field name of a settings property.</summary>
    public static string FieldName(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);
}

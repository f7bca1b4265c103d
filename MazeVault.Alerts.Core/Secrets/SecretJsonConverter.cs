using System.Text.Json;
using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Secrets;

/// <summary>
/// Reads a secret from a JSON string (an API input) and writes it only as its masked view
/// (<c>{"set":true,"hint":"…"}</c>), so no serialization anywhere can put a secret value into a response or a log.
/// </summary>
public sealed class SecretJsonConverter : JsonConverter<Secret>
{
    public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Secret.Of(reader.GetString()!)
            : throw new JsonException("A secret must be a JSON string.");

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("set", !value.IsEmpty);
        if (value.Hint.Length > 0)
        {
            writer.WriteString("hint", value.Hint);
        }

        writer.WriteEndObject();
    }
}

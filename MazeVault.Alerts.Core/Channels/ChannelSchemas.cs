using System.Text.Json.Nodes;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// The JSON Schemas (OpenAPI 3.1) of a channel's integration fields, from the same declarations that drive validation,
/// masking and the console's form: what a create or update takes, and what a read answers (each secret as a
/// <c>SecretView</c>). A channel plugged into the app is in the API's document with no hand edit.
/// </summary>
public static class ChannelSchemas
{
    /// <summary>Said of every write-only setting in the request schema.</summary>
    public const string WriteOnlyNote = "Write-only: omitted (or null) on PUT keeps the stored value; \"\" clears an optional one.";

    /// <summary>The component name of a channel's request fields, e.g. <c>JiraIntegrationFields</c>.</summary>
    public static string InputName(ChannelDescription channel) => Pascal(channel.Type) + "IntegrationFields";

    /// <summary>The component name of a channel's response fields, e.g. <c>JiraIntegrationViewFields</c>.</summary>
    public static string ViewName(ChannelDescription channel) => Pascal(channel.Type) + "IntegrationViewFields";

    /// <summary>The fields a create or update takes: none required here, since validation names each missing one.</summary>
    public static JsonObject Input(ChannelDescription channel) => new()
    {
        ["type"] = "object",
        ["title"] = $"{channel.Type} integration",
        ["properties"] = Properties(channel, view: false),
        ["required"] = new JsonArray("type"),
    };

    /// <summary>The fields a read answers: every secret (set or not) and every required setting are always there.</summary>
    public static JsonObject View(ChannelDescription channel) => new()
    {
        ["type"] = "object",
        ["properties"] = Properties(channel, view: true),
        ["required"] = new JsonArray([
            JsonValue.Create("type"),
            .. channel.Fields.Where(f => f.Required || IsSecret(f)).Select(f => JsonValue.Create(f.Name)),
        ]),
    };

    private static JsonObject Properties(ChannelDescription channel, bool view)
    {
        var properties = new JsonObject { ["type"] = new JsonObject { ["const"] = channel.Type } };
        foreach (var field in channel.Fields)
        {
            properties[field.Name] = view && IsSecret(field)
                ? new JsonObject { ["$ref"] = "#/components/schemas/SecretView" }
                : Setting(field);
        }

        return properties;
    }

    private static JsonObject Setting(ChannelField field)
    {
        var schema = field.Kind switch
        {
            ChannelFieldKind.Number => new JsonObject { ["type"] = "integer" },
            ChannelFieldKind.List => new JsonObject { ["type"] = "array", ["items"] = Text(field.ItemFormat) },
            ChannelFieldKind.Url => Text(ChannelFieldFormat.Url),
            ChannelFieldKind.Email => Text(ChannelFieldFormat.Email),
            _ => new JsonObject { ["type"] = "string" },
        };
        if (field.Choices is { } choices)
        {
            schema["enum"] = new JsonArray([.. choices.Select(c => JsonValue.Create(c))]);
        }

        schema["pattern"] = field.Pattern;
        schema["minimum"] = field.Minimum;
        schema["maximum"] = field.Maximum;
        schema["maxItems"] = field.MaxItems;
        schema["description"] = IsSecret(field) ? $"{field.Help} {WriteOnlyNote}".Trim() : field.Help;
        // A limit the field does not have is left out, not written as null.
        foreach (var unset in schema.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            schema.Remove(unset);
        }

        return schema;
    }

    private static JsonObject Text(ChannelFieldFormat format) => format switch
    {
        ChannelFieldFormat.Url => new JsonObject { ["type"] = "string", ["format"] = "uri" },
        ChannelFieldFormat.Email => new JsonObject { ["type"] = "string", ["format"] = "email" },
        _ => new JsonObject { ["type"] = "string" },
    };

    private static bool IsSecret(ChannelField field) => field.Kind is ChannelFieldKind.Secret or ChannelFieldKind.SecretUrl;

    private static string Pascal(string type) => char.ToUpperInvariant(type[0]) + type[1..];
}

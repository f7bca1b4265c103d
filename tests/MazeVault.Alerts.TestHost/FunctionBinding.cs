using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>One binding of a function, as its raw JSON in the function metadata describes it.</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonObject Raw)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);
    public bool IsOutput => !Direction.Equals("In", StringComparison.OrdinalIgnoreCase);

    public string? this[string property] => Raw[property] is JsonValue value ? value.ToString() : null;

    internal static FunctionBinding Parse(string rawJson)
    {
        var raw = JsonNode.Parse(rawJson)?.AsObject() ?? throw new FormatException($"A binding is not a JSON object: {rawJson}");
        return new FunctionBinding(
            (string?)raw["name"] ?? throw new FormatException($"A binding has no name: {rawJson}"),
            (string?)raw["type"] ?? throw new FormatException($"A binding has no type: {rawJson}"),
            (string?)raw["direction"] ?? "In",
            raw);
    }

    internal BindingInfo ToBindingInfo()
    {
        var info = new BindingInfo
        {
            Type = Type,
            Direction = Direction.ToLowerInvariant() switch
            {
                "out" => BindingInfo.Types.Direction.Out,
                "inout" => BindingInfo.Types.Direction.Inout,
                _ => BindingInfo.Types.Direction.In,
            },
            DataType = this["dataType"]?.ToLowerInvariant() switch
            {
                "string" => BindingInfo.Types.DataType.String,
                "binary" => BindingInfo.Types.DataType.Binary,
                "stream" => BindingInfo.Types.DataType.Stream,
                _ => BindingInfo.Types.DataType.Undefined,
            },
        };
        // The worker reads flags such as SupportsDeferredBinding from the binding's "properties".
        if (Raw["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                info.Properties[key] = value?.ToString() ?? "";
            }
        }

        return info;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// The app's OpenAPI document as the contract tests read it: its operations, their example requests, and each
/// response's schema checked with a JSON Schema 2020-12 validator (an OpenAPI 3.1 schema is one).
/// </summary>
public sealed class OpenApiContract(string documentJson)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _document = JsonNode.Parse(documentJson)!.AsObject();

    /// <summary>Every operation as <c>GET /organizations/{organizationId}/integrations</c> (paths below the <c>/api</c> server URL).</summary>
    public IEnumerable<string> OperationKeys() =>
        from path in _document["paths"]!.AsObject()
        from method in path.Value!.AsObject().Select(m => m.Key).Where(Methods.Contains)
        select $"{method.ToUpperInvariant()} {path.Key}";

    public JsonObject Operation(string method, string path) =>
        _document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject()
        ?? throw new InvalidOperationException($"The document has no {method} {path}.");

    /// <summary>The example request body of an operation, or null when it takes none.</summary>
    public JsonNode? RequestExample(string method, string path) =>
        Operation(method, path)["requestBody"]?["content"]?["application/json"]?["example"]?.DeepClone();

    /// <summary>The path and header parameters of an operation (references resolved).</summary>
    public IEnumerable<JsonObject> Parameters(string method, string path) =>
        Operation(method, path)["parameters"]?.AsArray().Select(p => Resolve(p!).AsObject()) ?? [];

    /// <summary>Why <paramref name="body"/> does not match the operation's request body schema; empty when it does.</summary>
    public IReadOnlyList<string> RequestErrors(string method, string path, JsonNode body) =>
        Errors(Operation(method, path)["requestBody"]!["content"]!["application/json"]!["schema"]!, body.ToJsonString());

    /// <summary>
    /// Why a response does not match what the operation documents for its status and media type; empty when it does.
    /// A status the operation does not list, or a body where it documents none, is an error too.
    /// </summary>
    public IReadOnlyList<string> ResponseErrors(string method, string path, int status, string? mediaType, string body)
    {
        if (Operation(method, path)["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not { } declared)
        {
            return [$"{method} {path} does not document status {status}."];
        }

        var content = Resolve(declared)["content"]?.AsObject();
        if (content is null)
        {
            return body.Length == 0 ? [] : [$"{method} {path} documents no body for {status}, got: {body}"];
        }

        // Only JSON bodies are checked against their schema; any other documented type (the console's files) by its type.
        return content[mediaType ?? ""]?["schema"] is { } schema
            ? mediaType!.EndsWith("json", StringComparison.Ordinal) ? Errors(schema, body) : []
            : [$"{method} {path} {status} documents [{string.Join(", ", content.Select(c => c.Key))}], got {mediaType}: {body}"];
    }

    private IReadOnlyList<string> Errors(JsonNode schema, string instance)
    {
        // The schema with every component beside it as $defs, so its $refs resolve inside one JSON Schema document.
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://contract.mazevault.test/{Guid.NewGuid():N}",
            ["$defs"] = _document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

        using var document = JsonDocument.Parse(instance);
        var result = JsonSchema.FromText(text).Evaluate(document.RootElement, Evaluation);
        return result.IsValid
            ? []
            : result.Details?.Where(d => d.Errors is { Count: > 0 })
                  .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                  .Append($"in: {instance}")
                  .ToList()
              ?? [$"invalid: {instance}"];
    }

    private JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)_document, (current, segment) => current[segment]!);
        }

        return node;
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// The API's OpenAPI 3.1 document: written by hand in openapi.json and shipped inside this assembly, so the contract
/// clients generate from is the one the tests check against functions.metadata and the running app; the integration
/// types and each channel's fields are added from the registered channels' declarations (<see cref="ChannelSchemas"/>),
/// so a channel plugged into the app needs no edit here.
/// </summary>
public sealed class OpenApi(ChannelCatalog channels)
{
    internal const string ResourceName = "openapi.json";

    // One document per channel catalog (one per app): built on the first request, then served as it is.
    private static readonly ConditionalWeakTable<ChannelCatalog, string> Documents = [];

    [Function("GetOpenApiDocument")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
        => new ContentResult { Content = Documents.GetValue(channels, Build), ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };

    private static string Build(ChannelCatalog catalog)
    {
        using var stream = typeof(OpenApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        var document = JsonNode.Parse(stream)!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var described = catalog.Describe();

        schemas["IntegrationType"] = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray([.. described.Select(c => JsonValue.Create(c.Type))]),
        };
        foreach (var channel in described)
        {
            schemas[ChannelSchemas.InputName(channel)] = ChannelSchemas.Input(channel);
            schemas[ChannelSchemas.ViewName(channel)] = ChannelSchemas.View(channel);
        }

        ChooseByType(schemas["IntegrationInput"]!.AsObject(), described, ChannelSchemas.InputName);
        ChooseByType(schemas["Integration"]!.AsObject(), described, ChannelSchemas.ViewName);
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The type's fields beside the common ones: one of the channels' schemas, picked by <c>type</c>.</summary>
    private static void ChooseByType(JsonObject schema, IReadOnlyList<ChannelDescription> channels, Func<ChannelDescription, string> name)
    {
        string Ref(ChannelDescription channel) => "#/components/schemas/" + name(channel);
        schema["oneOf"] = new JsonArray([.. channels.Select(c => (JsonNode)new JsonObject { ["$ref"] = Ref(c) })]);
        schema["discriminator"] = new JsonObject
        {
            ["propertyName"] = "type",
            ["mapping"] = new JsonObject(channels.Select(c => KeyValuePair.Create(c.Type, (JsonNode?)JsonValue.Create(Ref(c))))),
        };
    }
}

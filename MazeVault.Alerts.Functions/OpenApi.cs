using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// The API's OpenAPI 3.1 document, written by hand in openapi.json and shipped inside this assembly, so the contract
/// clients generate from is the one the tests check against functions.metadata and the running app.
/// </summary>
public sealed class OpenApi
{
    internal const string ResourceName = "openapi.json";

    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [Function("GetOpenApiDocument")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
        => new ContentResult { Content = Document.Value, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
}

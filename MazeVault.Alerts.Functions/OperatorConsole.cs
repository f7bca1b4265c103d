using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// The operator console (docs/console.md): static files, anonymous, because they hold no data; the console then calls
/// the API as the signed-in person or with their API key, and the API decides what they may see and do.
/// </summary>
public sealed class OperatorConsole
{
    [Function("GetConsole")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request, string? path)
    {
        var asset = ConsoleAssets.Find(path);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ConsoleAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidated on every load (a new version shows at once), answered 304 while the content hash is the same.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        return request.Headers.IfNoneMatch.ToString() == asset.ETag
            ? new StatusCodeResult(StatusCodes.Status304NotModified)
            : new FileContentResult(asset.Content, asset.ContentType);
    }
}

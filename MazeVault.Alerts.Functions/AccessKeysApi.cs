using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>API keys the app issues: create (the key is in this answer and never again), list without secrets, revoke. Platform admins only.</summary>
public sealed class AccessKeysApi(ApiKeyStore keys)
{
    private const string Collection = "access/keys";

    [Function("CreateApiKey")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Collection)] HttpRequest request, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<ApiKeyInput>(request, ct);
            var issued = await keys.CreateAsync(input, ApiCaller.Of(request).Describe(), ct);
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return ApiResults.Created(request, ApiResults.Path(request, "access", "keys", issued.Id), issued, etag: null);
        });

    [Function("ListApiKeys")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Collection)] HttpRequest request, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            ApiResults.Ok(request, await keys.ListAsync(ApiQuery.Page(request.Query), ct)));

    [Function("RevokeApiKey")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Collection + "/{keyId}")] HttpRequest request, string keyId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await keys.RevokeAsync(keyId, ct) ? new NoContentResult() : ProblemResults.NotFound($"There is no API key {keyId}."));
}

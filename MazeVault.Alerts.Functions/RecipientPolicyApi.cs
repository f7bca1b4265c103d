using MazeVault.Alerts.Core.Recipients;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Which feed-supplied addresses an organization's email may go to: read, and replace as a whole (admins).</summary>
public sealed class RecipientPolicyApi(RecipientPolicyService policies)
{
    private const string Route = "organizations/{organizationId}/recipient-policy";

    [Function("GetRecipientPolicy")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var policy = await policies.GetAsync(organizationId, ct);
            return ApiResults.Ok(request, policy, policy.ETag);
        });

    /// <summary>If-Match is optional here: without it the policy is replaced unconditionally.</summary>
    [Function("ReplaceRecipientPolicy")]
    public Task<IActionResult> Replace(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<RecipientPolicyInput>(request, ct);
            var policy = await policies.ReplaceAsync(organizationId, input, ApiResults.OptionalIfMatch(request), ct);
            return ApiResults.Ok(request, policy, policy.ETag);
        });
}

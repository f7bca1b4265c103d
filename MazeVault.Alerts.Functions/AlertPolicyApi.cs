using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>An organization's noise control: reminder thresholds, resolve notices, digest for contacts.</summary>
public sealed class AlertPolicyApi(AlertPolicyService policies)
{
    private const string Route = "organizations/{organizationId}/alert-policy";

    [Function("GetAlertPolicy")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var policy = await policies.GetAsync(organizationId, ct);
            return ApiResults.Ok(request, policy, policy.ETag);
        });

    /// <summary>If-Match is optional: without it the policy is replaced unconditionally.</summary>
    [Function("ReplaceAlertPolicy")]
    public Task<IActionResult> Replace(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<AlertPolicyInput>(request, ct);
            var policy = await policies.ReplaceAsync(organizationId, input, ApiResults.OptionalIfMatch(request), ct);
            return ApiResults.Ok(request, policy, policy.ETag);
        });
}

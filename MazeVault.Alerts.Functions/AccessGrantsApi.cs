using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Which organizations an Entra principal (its object id) may act on, and as what role. Platform admins only.</summary>
public sealed class AccessGrantsApi(AccessGrants grants)
{
    private const string Item = "access/principals/{principalId}/organizations/{organizationId}";

    [Function("ListAccessGrants")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "access/principals/{principalId}/organizations")] HttpRequest request, string principalId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var page = await grants.ListAsync(principalId, ApiQuery.Page(request.Query), ct);
            return ApiResults.Ok(request, new
            {
                principalId,
                organizations = page.Items.Select(g => g.OrganizationId),
                grants = page.Items,
                continuationToken = page.ContinuationToken,
            });
        });

    /// <summary>The body is optional: <c>{"role": "admin"}</c>; without one the principal's app roles act in the organization.</summary>
    [Function("GrantOrganization")]
    public Task<IActionResult> Grant(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Item)] HttpRequest request, string principalId, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadOptionalAsync<AccessGrantInput>(request, ct);
            return await grants.GrantAsync(principalId, organizationId, input, ct) ? new StatusCodeResult(StatusCodes.Status201Created) : new NoContentResult();
        });

    [Function("RevokeOrganization")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Item)] HttpRequest request, string principalId, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await grants.RevokeAsync(principalId, organizationId, ct)
                ? new NoContentResult()
                : ProblemResults.NotFound($"Principal {principalId} has no grant for organization {organizationId}."));
}

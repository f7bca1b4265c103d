using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Which organizations a principal (its Entra object id) may act on when it is not Alerts.Admin. Admins only.</summary>
public sealed class AccessGrantsApi(AccessGrants grants)
{
    private const string Item = "access/principals/{principalId}/organizations/{organizationId}";

    [Function("ListAccessGrants")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "access/principals/{principalId}/organizations")] HttpRequest request, string principalId, CancellationToken ct)
        => ApiResults.HandleAsync(async () => ApiResults.Ok(request, new { principalId, organizations = await grants.OrganizationsOfAsync(principalId, ct).ToListAsync(ct) }));

    [Function("GrantOrganization")]
    public Task<IActionResult> Grant(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = Item)] HttpRequest request, string principalId, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await grants.GrantAsync(principalId, organizationId, ct) ? new StatusCodeResult(StatusCodes.Status201Created) : new NoContentResult());

    [Function("RevokeOrganization")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = Item)] HttpRequest request, string principalId, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            await grants.RevokeAsync(principalId, organizationId, ct)
                ? new NoContentResult()
                : ProblemResults.NotFound($"Principal {principalId} has no grant for organization {organizationId}."));
}

using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Routing's "who gets this?": which targets a sample alert would reach, and why not the others.</summary>
public sealed class RoutingApi(RoutingExplainService explain)
{
    [Function("ExplainRouting")]
    public Task<IActionResult> Explain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/routing/explain")] HttpRequest request,
        string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
            ApiResults.Ok(request, await explain.ExplainAsync(organizationId, await ApiJson.ReadAsync<RoutingExplainRequest>(request, ct), ct)));
}

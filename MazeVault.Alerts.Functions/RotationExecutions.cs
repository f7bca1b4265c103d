using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>A rotation execution reports its result; a failure emails the config's own addresses.</summary>
public sealed class RotationExecutions(RotationExecutionService executions)
{
    [Function("ReportRotationExecution")]
    public Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/rotation-configs/{configId}/executions")] HttpRequest request,
        string organizationId,
        string configId,
        CancellationToken ct)
        => ApiResults.HandleAsync(
            async () =>
            {
                var body = await ApiJson.ReadAsync<RotationExecutionRequest>(request, ct);
                var result = await executions.ReportAsync(organizationId, configId, body, ct);
                return result is null
                    ? ProblemResults.NotFound($"Rotation config {configId} does not exist.")
                    : new AcceptedResult((string?)null, new
                    {
                        configId = result.Config.Id,
                        status = result.Config.Status.ToString().ToLowerInvariant(),
                        deliveriesQueued = result.DeliveriesQueued,
                    });
            },
            // A vault upsert kept racing the report's write-back: nothing stale was offered, so 409 rather than 412.
            StatusCodes.Status409Conflict);
}

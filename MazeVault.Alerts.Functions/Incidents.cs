using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// Report a security incident; 202 with its id and the deliveries queued. An <c>Idempotency-Key</c> makes
/// repeats answer the same; its reuse for another body is 422, a repeat while the first still runs 409.
/// </summary>
public sealed class Incidents(IncidentService incidents)
{
    [Function("CreateIncident")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/incidents")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(
            async () =>
            {
                var body = await ApiJson.ReadAsync<IncidentRequest>(request, ct);
                var accepted = await incidents.ReportAsync(organizationId, body, ApiResults.OptionalHeader(request, IdempotencyStore.HeaderName), ct);
                return new AcceptedResult((string?)null, new { incidentId = accepted.IncidentId, deliveriesQueued = accepted.DeliveriesQueued });
            },
            StatusCodes.Status409Conflict);
}

using System.Text.Json;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The audit trail (INCIDENT_DETECTED and the events noise control records), newest first, a page at a time.</summary>
public sealed class AuditEventsApi(AuditLog audit)
{
    [Function("ListAuditEvents")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "organizations/{organizationId}/audit-events")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var query = new AuditQueryInput
            {
                Type = ApiQuery.Single(request.Query, "type"),
                Resource = ApiQuery.Single(request.Query, "resource"),
                From = ApiQuery.Single(request.Query, "from"),
                To = ApiQuery.Single(request.Query, "to"),
                Limit = ApiQuery.Single(request.Query, "limit"),
                ContinuationToken = ApiQuery.Single(request.Query, "continuationToken"),
            }.ToQuery();
            var page = await audit.ReadAsync(organizationId, query, ct);
            return ApiResults.Ok(request, new
            {
                items = page.Items.Select(e => new
                {
                    eventType = e.EventType,
                    occurredAt = e.OccurredAt,
                    subjectId = e.SubjectId,
                    // Stored as PascalCase columns; the API speaks camelCase throughout.
                    details = e.Details.ToDictionary(d => JsonNamingPolicy.CamelCase.ConvertName(d.Key), d => d.Value),
                }),
                continuationToken = page.ContinuationToken,
            });
        });
}

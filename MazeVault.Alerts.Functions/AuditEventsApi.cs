using System.Text.Json;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// The audit trails, newest first, a page at a time: an organization's (INCIDENT_DETECTED, noise control, and API_ACTION
/// for every state-changing request with its caller), and the platform's (API keys, grants, re-seal).
/// </summary>
public sealed class AuditEventsApi(AuditLog audit)
{
    [Function("ListAuditEvents")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{organizationId}/audit-events")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () => Page(request, await audit.ReadAsync(organizationId, Query(request), ct)));

    [Function("ListPlatformAuditEvents")]
    public Task<IActionResult> ListPlatform(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "access/audit-events")] HttpRequest request, CancellationToken ct)
        => ApiResults.HandleAsync(async () => Page(request, await audit.ReadPlatformAsync(Query(request), ct)));

    private static AuditQuery Query(HttpRequest request) => new AuditQueryInput
    {
        Type = ApiQuery.Single(request.Query, "type"),
        Resource = ApiQuery.Single(request.Query, "resource"),
        From = ApiQuery.Single(request.Query, "from"),
        To = ApiQuery.Single(request.Query, "to"),
        Limit = ApiQuery.Single(request.Query, "limit"),
        ContinuationToken = ApiQuery.Single(request.Query, "continuationToken"),
    }.ToQuery();

    private static IActionResult Page(HttpRequest request, ListPage<AuditEvent> page) => ApiResults.Ok(request, new
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
}

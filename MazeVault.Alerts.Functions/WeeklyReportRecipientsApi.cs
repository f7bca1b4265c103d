using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>Weekly expiry report recipients: read, and replace as a whole.</summary>
public sealed class WeeklyReportRecipientsApi(WeeklyReportRecipientsService recipients)
{
    private const string Route = "organizations/{organizationId}/weekly-report/recipients";

    [Function("GetWeeklyReportRecipients")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var settings = await recipients.GetAsync(organizationId, ct);
            return ApiResults.Ok(request, settings, settings.ETag);
        });

    /// <summary>If-Match is optional here: without it the list is replaced unconditionally.</summary>
    [Function("ReplaceWeeklyReportRecipients")]
    public Task<IActionResult> Replace(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string organizationId, CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var input = await ApiJson.ReadAsync<WeeklyReportRecipientsInput>(request, ct);
            var settings = await recipients.ReplaceAsync(organizationId, input, ApiResults.OptionalIfMatch(request), ct);
            return ApiResults.Ok(request, settings, settings.ETag);
        });
}

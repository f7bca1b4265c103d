using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Validation;
using MazeVault.Alerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MazeVault.Alerts.Functions;

/// <summary>The weekly expiry report, on its schedule and on demand.</summary>
public sealed class WeeklyReport(WeeklyReportService reports)
{
    /// <summary>
    /// Flex Consumption ignores WEBSITE_TIME_ZONE, so the schedule fires at UTC 05:00 and 06:00 every day by default: the
    /// service sends from Monday 07:00 Central European time, once per ISO week; later fires of the week catch up only
    /// a Monday run that did not happen.
    /// </summary>
    [Function(nameof(WeeklyReport))]
    public Task Run([TimerTrigger("%WEEKLY_REPORT_SCHEDULE%")] TimerInfo timer, CancellationToken ct)
        => reports.RunScheduledAsync(ct);

    /// <summary>"Trigger reports manually": 202 when queued; 200 saying why not (already sent this week, no recipients). <c>?force=true</c> sends again.</summary>
    [Function("SendWeeklyReport")]
    public Task<IActionResult> Send(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organizations/{organizationId}/weekly-report/send")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var result = await reports.SendNowAsync(organizationId, Force(request), ct);
            var body = new
            {
                status = result.Status,
                week = result.Week,
                deliveriesQueued = result.DeliveriesQueued,
                reportId = result.AlertId,
                detail = result.Status switch
                {
                    WeeklyReportStatus.AlreadySent => "This week's report was already sent; use ?force=true to send it again.",
                    WeeklyReportStatus.NoRecipients => "Weekly report not sent: no recipients configured.",
                    _ => "The report is queued for delivery.",
                },
            };
            return result.Status == WeeklyReportStatus.Sent
                ? new JsonResult(body, ApiJson.Options) { StatusCode = StatusCodes.Status202Accepted }
                : ApiResults.Ok(request, body);
        });

    /// <summary>
    /// The report as Send now would send it, nothing sent: JSON (subject, HTML, plain text, counts), or with
    /// <c>?format=html</c> the email's HTML as a page of its own, sandboxed (no script, nothing fetched) so that the
    /// console can frame it.
    /// </summary>
    [Function("PreviewWeeklyReport")]
    public Task<IActionResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organizations/{organizationId}/weekly-report/preview")] HttpRequest request,
        string organizationId,
        CancellationToken ct)
        => ApiResults.HandleAsync(async () =>
        {
            var html = request.Query["format"].ToString() switch
            {
                "" or "json" => false,
                "html" => true,
                _ => throw new ValidationException("format", "must be json or html."),
            };
            var preview = await reports.PreviewAsync(organizationId, ct);
            if (!html)
            {
                return ApiResults.Ok(request, preview);
            }

            var headers = request.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = ReportPreviewPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            return new ContentResult { Content = preview.Html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
        });

    /// <summary>An email's HTML carries inline styles and nothing else: no script runs, nothing is fetched, only the console frames it.</summary>
    private const string ReportPreviewPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    private static bool Force(HttpRequest request)
    {
        var value = request.Query["force"].ToString();
        return value.Length == 0
            ? false
            : bool.TryParse(value, out var force) ? force : throw new ValidationException("force", "must be true or false.");
    }
}

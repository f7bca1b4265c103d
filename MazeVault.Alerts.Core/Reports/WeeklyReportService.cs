using System.Globalization;
using System.IO.Compression;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// Every Monday at 07:00 Central European time, each organization's report goes by HTML email to its
/// report recipients and as a plain-text summary to its weekly-report integrations, through the delivery queue.
/// </summary>
public sealed class WeeklyReportService(
    WeeklyReportSchedule schedule,
    WeeklyReportBuilder builder,
    AlertStateStore alertStates,
    WeeklyReportRunStore runs,
    IInventoryStore inventory,
    DeliveryPlan plan,
    DeliveryDispatcher dispatcher,
    TimeProvider clock,
    ILogger<WeeklyReportService> logger)
{
    public const string Rule = "weekly-report";

    /// <summary>Above this the CSV is zipped: Graph takes attachments inline only up to 3 MB per message.</summary>
    internal const int MaxPlainCsvBytes = 2 * 1024 * 1024;

    /// <summary>The timer's entry point: does nothing unless it is the Monday 07:00 run in the report time zone.</summary>
    public async Task<IReadOnlyList<WeeklyReportResult>> RunScheduledAsync(CancellationToken ct)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("weekly report");
        var now = clock.GetUtcNow();
        if (!schedule.IsDue(now))
        {
            logger.LogInformation(
                "[WeeklyReportService] Not the weekly report time ({LocalTime:yyyy-MM-dd HH:mm} {TimeZone}): nothing to send",
                TimeZoneInfo.ConvertTime(now, schedule.Zone), schedule.Zone.Id);
            return [];
        }

        var week = schedule.WeekOf(now);
        var results = new List<WeeklyReportResult>();
        await foreach (var organizationId in inventory.ListOrganizationsAsync(ct))
        {
            // One organization's failure (say, storage throttling) must not cost the others their report.
            try
            {
                results.Add(await SendAsync(organizationId, week, now, force: false, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "[WeeklyReportService] Weekly report of organization {OrganizationId} for {Week} failed", organizationId, week);
            }
        }

        return results;
    }

    /// <summary>
    /// "Trigger reports manually": sends the current week's report now unless it was already sent this week;
    /// <paramref name="force"/> sends it again (a new report, new deliveries).
    /// </summary>
    public Task<WeeklyReportResult> SendNowAsync(string organizationId, bool force, CancellationToken ct)
    {
        // The route value becomes a table key: refuse what storage cannot hold as a 400, not a storage error.
        FieldErrors.RequireOrganization(organizationId);
        var now = clock.GetUtcNow();
        return SendAsync(organizationId, schedule.WeekOf(now), now, force, ct);
    }

    private async Task<WeeklyReportResult> SendAsync(string organizationId, string week, DateTimeOffset now, bool force, CancellationToken ct)
    {
        if (!force && await runs.GetStatusAsync(organizationId, week, ct) == WeeklyReportStatus.Sent)
        {
            return AlreadySent(organizationId, week);
        }

        var targets = await plan.ForWeeklyReportAsync(organizationId, ct);
        if (targets.Count == 0)
        {
            logger.LogWarning("[WeeklyReportService] Weekly report not sent: no recipients configured (organization={OrganizationId})", organizationId);
            await runs.RecordAsync(organizationId, week, WeeklyReportStatus.NoRecipients, null, 0, now, ct);
            return new WeeklyReportResult(organizationId, week, WeeklyReportStatus.NoRecipients, 0, null);
        }

        var report = await builder.BuildAsync(organizationId, week, now, await alertStates.ListAsync(organizationId, ct), ct);
        // The scheduled run's id is the week's: a retry after a crash re-dispatches the same deliveries, which the ledger dedupes.
        var alertId = AlertIds.ForRule(Rule, organizationId, force ? $"{week}/forced/{now:O}" : week, WeekMonday(week));
        var alert = new Alert
        {
            Id = alertId,
            OrganizationId = organizationId,
            Source = AlertSource.WeeklyReport,
            Rule = Rule,
            Notification = ToNotification(report),
            CreatedAt = now,
        };
        var queued = await dispatcher.DispatchAsync(alert, targets, ct);
        if (queued == 0 && !force)
        {
            // The week's deliveries already exist: a concurrent run (a second fire, a manual send) dispatched them.
            return AlreadySent(organizationId, week);
        }

        await runs.RecordAsync(organizationId, week, WeeklyReportStatus.Sent, alertId, queued, now, ct);
        logger.LogInformation(
            "[WeeklyReportService] Weekly report {Week} of organization {OrganizationId} queued to {Deliveries} recipients and channels",
            week, organizationId, queued);
        return new WeeklyReportResult(organizationId, week, WeeklyReportStatus.Sent, queued, alertId);
    }

    private WeeklyReportResult AlreadySent(string organizationId, string week)
    {
        // Debug: every later fire of the week (the catch-up check) finds the report sent.
        logger.LogDebug("[WeeklyReportService] Weekly report {Week} of organization {OrganizationId} was already sent", week, organizationId);
        return new WeeklyReportResult(organizationId, week, WeeklyReportStatus.AlreadySent, 0, null);
    }

    private Notification ToNotification(WeeklyReport report) => new()
    {
        Subject = WeeklyReportHtmlRenderer.Subject(report),
        Message = WeeklyReportTextRenderer.Render(report, schedule.Zone),
        Html = WeeklyReportHtmlRenderer.Render(report, schedule.Zone),
        Attachments = [CsvAttachment(report)],
        Severity = NotificationSeverity.Info,
        // One JIRA issue per organization and week: a forced rerun comments on it instead of opening another.
        Fingerprint = AlertIds.Fingerprint(Rule, report.OrganizationId, report.Week),
        Facts =
        [
            new NotificationFact("Week", report.Week),
            new NotificationFact("Certificates expiring", report.Certificates.Count.ToString(CultureInfo.InvariantCulture)),
            new NotificationFact("Rotations due", report.Rotations.Count.ToString(CultureInfo.InvariantCulture)),
        ],
    };

    internal static EmailAttachment CsvAttachment(WeeklyReport report)
    {
        var csv = WeeklyReportCsv.Render(report);
        if (csv.Length <= MaxPlainCsvBytes)
        {
            return new EmailAttachment(WeeklyReportCsv.FileName, "text/csv", csv);
        }

        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(WeeklyReportCsv.FileName, CompressionLevel.Optimal).Open();
            entry.Write(csv);
        }

        return new EmailAttachment(WeeklyReportCsv.FileName + ".zip", "application/zip", zipped.ToArray());
    }

    private static DateOnly WeekMonday(string week) =>
        DateOnly.FromDateTime(ISOWeek.ToDateTime(
            int.Parse(week[..4], CultureInfo.InvariantCulture), int.Parse(week[6..], CultureInfo.InvariantCulture), DayOfWeek.Monday));
}

using System.Globalization;
using System.IO.Compression;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// Every Monday at 07:00 Central European time, each organization's report goes by HTML email to its
/// report recipients and as a plain-text summary to its weekly-report integrations, through the delivery queue.
/// A later fire of the week sends only for an organization the Monday run did not reach (the timer missed it, the app
/// was down); one the Monday run found without recipients waits for the next Monday, as the spec's schedule says.
/// </summary>
public sealed class WeeklyReportService(
    WeeklyReportSchedule schedule,
    WeeklyReportBuilder builder,
    AlertStateStore alertStates,
    WeeklyReportRunStore runs,
    IInventoryStore inventory,
    OrganizationRegistry organizations,
    DeliveryPlan plan,
    DeliveryDispatcher dispatcher,
    TimeProvider clock,
    ILogger<WeeklyReportService> logger)
{
    public const string Rule = "weekly-report";

    /// <summary>Above this the CSV is zipped: Graph takes attachments inline only up to 3 MB per message.</summary>
    internal const int MaxPlainCsvBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The timer's entry point: nothing before Monday 07:00 in the report time zone; the week's report from then, and on
    /// the later days of the week only what the Monday run did not reach.
    /// </summary>
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
            // One organization's failure (say, storage throttling) must not cost the others their report: with no row
            // for the week, a later fire catches it up.
            try
            {
                if (await ScheduledRunAsync(organizationId, week, now, ct) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "[WeeklyReportService] Weekly report of organization {OrganizationId} for {Week} failed", organizationId, week);
            }
        }

        return results;
    }

    /// <summary>
    /// The week's scheduled run of one organization, or null when it has no report due this week. The week's row says the
    /// Monday run (or a catch-up of it) reached the organization: sent, or found no recipients (warned once, and not sent
    /// later that week even when recipients are added). Without a row the run did not reach it: it runs now, unless the
    /// organization first appeared after the week's report time, when its first report is the next Monday's.
    /// </summary>
    private async Task<WeeklyReportResult?> ScheduledRunAsync(string organizationId, string week, DateTimeOffset now, CancellationToken ct)
    {
        switch (await runs.GetStatusAsync(organizationId, week, ct))
        {
            case WeeklyReportStatus.Sent:
                return AlreadySent(organizationId, week);
            case WeeklyReportStatus.NoRecipients:
                logger.LogDebug("[WeeklyReportService] Weekly report {Week} of organization {OrganizationId} had no recipients on its run; next report next Monday", week, organizationId);
                return new WeeklyReportResult(organizationId, week, WeeklyReportStatus.NoRecipients, 0, null);
        }

        if (await organizations.FirstSeenAsync(organizationId, ct) > schedule.ReportTimeOf(week))
        {
            logger.LogDebug("[WeeklyReportService] Organization {OrganizationId} appeared after the report time of {Week}; its first report is next Monday's", organizationId, week);
            return null;
        }

        var result = await DispatchAsync(organizationId, week, now, force: false, ct);
        if (result.Status == WeeklyReportStatus.NoRecipients)
        {
            // Recorded by the scheduled run only: a manual send finding no recipients must not cancel the week's run.
            await runs.RecordAsync(organizationId, week, WeeklyReportStatus.NoRecipients, null, 0, now, ct);
        }

        return result;
    }

    /// <summary>
    /// "Trigger reports manually": sends the current week's report now unless it was already sent this week;
    /// <paramref name="force"/> sends it again (a new report, new deliveries).
    /// </summary>
    public async Task<WeeklyReportResult> SendNowAsync(string organizationId, bool force, CancellationToken ct)
    {
        // The route value becomes a table key: refuse what storage cannot hold as a 400, not a storage error.
        FieldErrors.RequireOrganization(organizationId);
        var now = clock.GetUtcNow();
        var week = schedule.WeekOf(now);
        return !force && await runs.GetStatusAsync(organizationId, week, ct) == WeeklyReportStatus.Sent
            ? AlreadySent(organizationId, week)
            : await DispatchAsync(organizationId, week, now, force, ct);
    }

    /// <summary>The report <see cref="SendNowAsync"/> would send now, rendered the same way; nothing is sent or recorded.</summary>
    public async Task<WeeklyReportPreview> PreviewAsync(string organizationId, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var now = clock.GetUtcNow();
        var week = schedule.WeekOf(now);
        var targets = await plan.ForWeeklyReportAsync(organizationId, ct);
        var report = await builder.BuildAsync(organizationId, week, now, await alertStates.ListAsync(organizationId, ct), ct);
        var notification = ToNotification(report);
        return new WeeklyReportPreview(
            week, notification.Subject, notification.Html!, notification.Message, report.Certificates.Count, report.Rotations.Count, targets.Count);
    }

    /// <summary>Builds the week's report and queues it to the organization's recipients and flagged integrations, if any.</summary>
    private async Task<WeeklyReportResult> DispatchAsync(string organizationId, string week, DateTimeOffset now, bool force, CancellationToken ct)
    {
        var targets = await plan.ForWeeklyReportAsync(organizationId, ct);
        if (targets.Count == 0)
        {
            logger.LogWarning("[WeeklyReportService] Weekly report not sent: no recipients configured (organization={OrganizationId})", organizationId);
            return new WeeklyReportResult(organizationId, week, WeeklyReportStatus.NoRecipients, 0, null);
        }

        var report = await builder.BuildAsync(organizationId, week, now, await alertStates.ListAsync(organizationId, ct), ct);
        // The scheduled run's id is the week's: a retry after a crash re-dispatches the same deliveries, which the ledger dedupes.
        var alertId = AlertIds.ForRule(Rule, organizationId, force ? $"{week}/forced/{now:O}" : week, WeeklyReportSchedule.MondayOf(week));
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
}

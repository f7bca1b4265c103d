using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// One row per organization and ISO week (table <c>WeeklyReportRuns</c>): once a week's report is dispatched, a second
/// timer fire, a retry or a manual run that is not forced sends nothing.
/// </summary>
public sealed class WeeklyReportRunStore(TableProvider tables)
{
    public async Task<WeeklyReportStatus?> GetStatusAsync(string organizationId, string week, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.WeeklyReportRuns, ct);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, week, select: ["Status"], cancellationToken: ct);
        return row.HasValue && Enum.TryParse<WeeklyReportStatus>(row.Value!.GetString("Status"), out var status) ? status : null;
    }

    /// <summary>Records the week's outcome; the last run's alert id and count stay visible for operators.</summary>
    public async Task RecordAsync(string organizationId, string week, WeeklyReportStatus status, string? alertId, int deliveriesQueued, DateTimeOffset at, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.WeeklyReportRuns, ct);
        await table.UpsertEntityAsync(
            new TableEntity(organizationId, week)
            {
                ["Status"] = status.ToString(),
                ["AlertId"] = alertId,
                ["DeliveriesQueued"] = deliveriesQueued,
                ["At"] = at,
            },
            TableUpdateMode.Replace,
            ct);
    }
}

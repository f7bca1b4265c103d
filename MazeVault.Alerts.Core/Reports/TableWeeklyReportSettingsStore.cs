using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>Weekly report settings in their table: PartitionKey = organization, one row per organization.</summary>
public sealed class TableWeeklyReportSettingsStore(TableProvider tables, OrganizationRegistry organizations) : IWeeklyReportSettingsStore
{
    private const string Row = "settings";

    public async Task<WeeklyReportSettings> GetAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.WeeklyReportSettings, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, Row, cancellationToken: ct);
        if (!response.HasValue)
        {
            return new WeeklyReportSettings { OrganizationId = organizationId };
        }

        var entity = response.Value!;
        return new WeeklyReportSettings
        {
            OrganizationId = organizationId,
            Recipients = EntityJson.ReadList(entity.GetString("Recipients")),
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? default,
            ETag = entity.ETag.ToString(),
        };
    }

    /// <summary>Unconditional without an ETag; with one, a stale (or no longer existing) row conflicts.</summary>
    public async Task<WeeklyReportSettings> ReplaceAsync(WeeklyReportSettings settings, CancellationToken ct)
    {
        await organizations.EnsureAsync(settings.OrganizationId, ct);
        var table = await tables.GetAsync(TableNames.WeeklyReportSettings, ct);
        var entity = new TableEntity(settings.OrganizationId, Row)
        {
            ["Recipients"] = EntityJson.Write(settings.Recipients),
            ["UpdatedAt"] = settings.UpdatedAt,
        };
        var response = await TableWrites.ReplaceAsync(table, entity, settings.ETag, "The weekly report settings", ct);
        return settings with { ETag = response.Headers.ETag?.ToString() };
    }
}

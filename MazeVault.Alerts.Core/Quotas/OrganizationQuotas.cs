using System.Globalization;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Logging;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Quotas;

/// <summary>
/// An organization's quotas (<see cref="QuotaOptions"/>). Counters live in table <c>Quotas</c> (PartitionKey =
/// organization, RowKey = <c>{quota}|{window}</c>) kept by <see cref="WindowCounter"/>, so every instance counts against
/// the same number. The first refusal of a window records <c>QUOTA_EXCEEDED</c> in the audit log and writes the
/// <c>[Quota]</c> warning that the quota alert rule in infra/modules/alerts.bicep counts; later refusals of that window only read.
/// </summary>
public sealed class OrganizationQuotas(TableProvider tables, WindowCounter counter, AuditLog audit, IOptions<QuotaOptions> options, TimeProvider clock, ILogger<OrganizationQuotas> logger)
    : IOrganizationCapacity
{
    public const string AuditEventType = "QUOTA_EXCEEDED";
    public const string Incidents = "incidents-per-minute";
    public const string Emails = "emails-per-day";
    public const string ImportItems = "import-items";
    public const string Integrations = "integrations";
    public const string IncidentContacts = "incident-contacts";

    /// <summary>Why an email was not sent (a delivery suppressed, a test email refused): the organization used up QUOTA_EMAILS_PER_DAY.</summary>
    public const string EmailQuotaReason = "email quota: the organization reached its emails per day (QUOTA_EMAILS_PER_DAY); nothing was sent";

    /// <summary>Counts one incident of this minute, or throws <see cref="QuotaExceededException"/> (429) when the minute's quota is used up.</summary>
    public async Task TakeIncidentAsync(string organizationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var limit = options.Value.IncidentsPerMinute;
        if (!await TryTakeAsync(organizationId, Incidents, window, TimeSpan.FromMinutes(1), limit, ct))
        {
            throw new QuotaExceededException(Incidents, limit, window.AddMinutes(1) - now);
        }
    }

    /// <summary>Counts one email of this UTC day; false when the day's quota is used up (the email is then suppressed, not sent).</summary>
    public Task<bool> TryTakeEmailAsync(string organizationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return TryTakeAsync(organizationId, Emails, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), TimeSpan.FromDays(1), options.Value.EmailsPerDay, ct);
    }

    /// <summary>Refuses (422, nothing written) an import of more than QUOTA_IMPORT_MAX_ITEMS items; each refusal is audited.</summary>
    public async Task RequireImportSizeAsync(string organizationId, int items, CancellationToken ct)
    {
        var limit = options.Value.ImportMaxItems;
        if (items <= limit)
        {
            return;
        }

        // Nothing to count: the size is the request's own; an attempt is the event.
        await ReportAsync(organizationId, ImportItems, clock.GetUtcNow(), limit, ct);
        throw new ValidationException("body", $"holds {items} items; an import may hold at most {limit} (certificates and rotationConfigs together): split it.") { Refused = true };
    }

    /// <summary>Refuses (422, nothing written) a new integration when the organization has QUOTA_INTEGRATIONS_PER_ORGANIZATION.</summary>
    public Task RequireRoomForIntegrationAsync(string organizationId, CancellationToken ct) =>
        RequireRoomAsync(organizationId, Integrations, TableNames.Integrations, options.Value.IntegrationsPerOrganization, "QUOTA_INTEGRATIONS_PER_ORGANIZATION", ct);

    /// <summary>Refuses (422, nothing written) a new contact when the organization has QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION.</summary>
    public Task RequireRoomForIncidentContactAsync(string organizationId, CancellationToken ct) =>
        RequireRoomAsync(organizationId, IncidentContacts, TableNames.IncidentContacts, options.Value.IncidentContactsPerOrganization, "QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION", ct);

    /// <summary>
    /// Counts the organization's rows of <paramref name="tableName"/> (keys only, and no further than the limit) and
    /// refuses one more at the limit. Two creates at once may both pass at the last free place: a bound on growth, not
    /// an exact count.
    /// </summary>
    private async Task RequireRoomAsync(string organizationId, string quota, string tableName, int limit, string setting, CancellationToken ct)
    {
        var table = await tables.GetAsync(tableName, ct);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}"), maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct))
        {
            if (++count < limit)
            {
                continue;
            }

            await ReportAsync(organizationId, quota, clock.GetUtcNow(), limit, ct);
            throw new ValidationException("body", $"this organization has {limit} {quota}, the most {setting} allows: delete one before adding another.") { Refused = true };
        }
    }

    /// <summary>Counts one use in the window that starts at <paramref name="window"/>; false (and reported once) when <paramref name="limit"/> is reached.</summary>
    private async Task<bool> TryTakeAsync(string organizationId, string quota, DateTimeOffset window, TimeSpan length, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.Quotas, ct);
        var rowKey = $"{quota}|{window.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)}";
        var take = await counter.TryTakeAsync(table, organizationId, rowKey, amount: 1, limit, window + length, ct);
        if (take == WindowTake.FirstRefused)
        {
            await ReportAsync(organizationId, quota, window, limit, ct);
        }

        return take == WindowTake.Taken;
    }

    /// <summary>
    /// The audit event (once per quota and window: the same time, type and subject record once) and the line the alert
    /// rule counts.
    /// </summary>
    private async Task ReportAsync(string organizationId, string quota, DateTimeOffset window, int limit, CancellationToken ct)
    {
        logger.LogWarning("[Quota] Organization {OrganizationId} reached its {Quota} quota of {Limit}; further use is refused or suppressed until the window ends",
            LogText.Neutralize(organizationId), quota, limit);
        await audit.RecordAsync(new AuditEvent(organizationId, AuditEventType, window, quota, new Dictionary<string, string>
        {
            ["Quota"] = quota,
            ["Limit"] = limit.ToString(CultureInfo.InvariantCulture),
        }), ct);
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>One audit event, e.g. <c>INCIDENT_DETECTED</c>.</summary>
public sealed record AuditEvent(
    string OrganizationId,
    string EventType,
    DateTimeOffset OccurredAt,
    string SubjectId,
    IReadOnlyDictionary<string, string> Details);

/// <summary>
/// Audit events in table <c>AuditEvents</c>: PartitionKey = organization, RowKey = the event time (sortable), type and subject,
/// so that a time range of one organization is a single range query.
/// </summary>
public sealed class AuditLog(TableProvider tables)
{
    public const string IncidentDetected = "INCIDENT_DETECTED";
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfffffff'Z'";

    /// <summary>Records the event once: recording the same event (same time, type and subject) again is a no-op.</summary>
    public async Task RecordAsync(AuditEvent audit, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AuditEvents, ct);
        // The type is part of the key: two different events about one subject at the same instant are both kept.
        var entity = new TableEntity(audit.OrganizationId, $"{Key(audit.OccurredAt)}-{audit.EventType}-{audit.SubjectId}")
        {
            ["EventType"] = audit.EventType,
            ["OccurredAt"] = audit.OccurredAt,
            ["SubjectId"] = audit.SubjectId,
        };
        foreach (var (name, value) in audit.Details)
        {
            entity[name] = value;
        }

        try
        {
            await table.AddEntityAsync(entity, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already recorded by an earlier attempt of the same request.
        }
    }

    /// <summary>Events of one organization with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>, oldest first.</summary>
    public async IAsyncEnumerable<AuditEvent> QueryAsync(
        string organizationId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AuditEvents, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ge {Key(from)} and RowKey lt {Key(to)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var details = entity
                .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "EventType" or "OccurredAt" or "SubjectId"))
                .ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "");
            yield return new AuditEvent(
                organizationId, entity.GetString("EventType"), entity.GetDateTimeOffset("OccurredAt") ?? default, entity.GetString("SubjectId"), details);
        }
    }

    private static string Key(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

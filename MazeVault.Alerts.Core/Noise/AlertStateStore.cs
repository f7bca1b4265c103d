using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// Per-resource alert states in table <c>AlertStates</c>: PartitionKey = organization, RowKey = kind and resource id,
/// so that the daily check reads an organization's states in one range query. Rows exist only for resources that
/// alerted under a policy that keeps state, or that are snoozed.
/// </summary>
public sealed class AlertStateStore(TableProvider tables)
{
    public async Task<Dictionary<string, AlertState>> ListAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AlertStates, ct);
        var states = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId, cancellationToken: ct))
        {
            states[entity.RowKey] = FromEntity(entity);
        }

        return states;
    }

    /// <summary>One page of the states snoozed past <paramref name="now"/>, in key order (kind, then resource id).</summary>
    public async Task<ListPage<AlertState>> ListSnoozedAsync(string organizationId, DateTimeOffset now, PageRequest page, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AlertStates, ct);
        var rows = await TablePages.ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and SnoozeUntil gt {now}"), page, ct);
        return rows.Select(FromEntity);
    }

    public async Task<AlertState?> GetAsync(string organizationId, ResourceKind kind, string resourceId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AlertStates, ct);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(organizationId, Key(kind, resourceId), cancellationToken: ct);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Writes the state, conditionally on the ETag it was read with (a new state must not exist yet); a state with
    /// nothing left to remember is deleted. Throws <see cref="ConcurrencyConflictException"/> when someone else changed it.
    /// </summary>
    public async Task<AlertState?> SaveAsync(AlertState state, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AlertStates, ct);
        var key = Key(state.Kind, state.ResourceId);
        if (!state.IsOpen && state.Snooze is null && state.ThresholdReached is null)
        {
            if (state.ETag is not null)
            {
                await TableErrors.ConflictsAsync(() => table.DeleteEntityAsync(state.OrganizationId, key, new ETag(state.ETag), ct), "The alert state");
            }

            return null;
        }

        var entity = ToEntity(state, key);
        var response = await TableErrors.ConflictsAsync(
            () => state.ETag is null ? table.AddEntityAsync(entity, ct) : table.UpdateEntityAsync(entity, new ETag(state.ETag), TableUpdateMode.Replace, ct),
            "The alert state");
        return state with { ETag = response.Headers.ETag?.ToString() };
    }

    /// <summary>The row key of a resource's state, also the key of <see cref="ListAsync"/>'s dictionary.</summary>
    public static string Key(ResourceKind kind, string resourceId) => (kind == ResourceKind.Certificate ? "c:" : "r:") + resourceId;

    private static TableEntity ToEntity(AlertState state, string key)
    {
        var entity = new TableEntity(state.OrganizationId, key)
        {
            ["Kind"] = state.Kind.ToString(),
            ["ResourceId"] = state.ResourceId,
            ["OpenAlertId"] = state.OpenAlertId,
            ["LastAlertedAt"] = state.LastAlertedAt,
            ["ThresholdReached"] = state.ThresholdReached,
            ["NotAfter"] = state.NotAfter,
        };
        if (state.Snooze is { } snooze)
        {
            entity["SnoozeUntil"] = snooze.Until;
            entity["SnoozeReason"] = snooze.Reason;
            entity["SnoozeOwner"] = snooze.Owner;
            entity["SnoozedAt"] = snooze.SnoozedAt;
            entity["SnoozeResourceVersion"] = snooze.ResourceVersion;
        }

        return entity;
    }

    private static AlertState FromEntity(TableEntity e) => new()
    {
        OrganizationId = e.PartitionKey,
        Kind = Enum.Parse<ResourceKind>(e.GetString("Kind")),
        ResourceId = e.GetString("ResourceId"),
        OpenAlertId = e.GetString("OpenAlertId"),
        LastAlertedAt = e.GetDateTimeOffset("LastAlertedAt"),
        ThresholdReached = e.GetInt32("ThresholdReached"),
        NotAfter = e.GetDateTimeOffset("NotAfter"),
        Snooze = e.GetDateTimeOffset("SnoozeUntil") is { } until
            ? new Snooze
            {
                Until = until,
                Reason = e.GetString("SnoozeReason") ?? "",
                Owner = e.GetString("SnoozeOwner") ?? "",
                SnoozedAt = e.GetDateTimeOffset("SnoozedAt") ?? default,
                ResourceVersion = e.GetString("SnoozeResourceVersion") ?? "",
            }
            : null,
        ETag = e.ETag.ToString(),
    };
}

using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Integrations;

/// <summary>
/// Each integration's last delivery attempt in table <c>IntegrationHealth</c> (partition: organization, row: integration
/// id), written as the delivery ledger records an attempt's end, so that listing integrations with their health reads one
/// small partition instead of scanning the delivery history. Last writer wins: two deliveries ending together both
/// describe a recent attempt.
/// </summary>
public sealed class IntegrationHealthStore(TableProvider tables, TimeProvider clock)
{
    /// <summary>
    /// A badge that says the same (status, outcome, reason) is rewritten at most this often by an instance, so a steady
    /// stream of deliveries costs one write per integration and interval rather than one per delivery; its time may lag
    /// by this much. A change is written at once.
    /// </summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Organization, string Integration), (IntegrationHealth Health, DateTimeOffset At)> _written = new();

    public async Task RecordAsync(string organizationId, string integrationId, IntegrationHealth health, CancellationToken ct)
    {
        var key = (organizationId, integrationId);
        var now = clock.GetUtcNow();
        if (_written.TryGetValue(key, out var last) && now - last.At < RefreshInterval
            && (last.Health.Status, last.Health.Outcome, last.Health.Reason) == (health.Status, health.Outcome, health.Reason))
        {
            return;
        }

        var table = await tables.GetAsync(TableNames.IntegrationHealth, ct);
        var entity = new TableEntity(organizationId, integrationId)
        {
            [nameof(IntegrationHealth.Status)] = health.Status,
            [nameof(IntegrationHealth.LastAttemptAt)] = health.LastAttemptAt,
            [nameof(IntegrationHealth.Outcome)] = health.Outcome,
            [nameof(IntegrationHealth.Reason)] = health.Reason,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        _written[key] = (health, now);
    }

    /// <summary>
    /// The health of those of <paramref name="integrationIds"/> that were ever used, by integration id: one range read
    /// from the first id to the last (a page of the integrations list), never the whole organization.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IntegrationHealth>> ListAsync(string organizationId, IReadOnlyCollection<string> integrationIds, CancellationToken ct)
    {
        var found = new Dictionary<string, IntegrationHealth>(StringComparer.Ordinal);
        if (integrationIds.Count == 0)
        {
            return found;
        }

        var table = await tables.GetAsync(TableNames.IntegrationHealth, ct);
        var first = integrationIds.Min(StringComparer.Ordinal)!;
        var last = integrationIds.Max(StringComparer.Ordinal)!;
        var wanted = integrationIds.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId} and RowKey ge {first} and RowKey le {last}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (wanted.Contains(entity.RowKey))
            {
                found[entity.RowKey] = new IntegrationHealth(
                    entity.GetString(nameof(IntegrationHealth.Status)),
                    entity.GetDateTimeOffset(nameof(IntegrationHealth.LastAttemptAt)) ?? DateTimeOffset.MinValue,
                    entity.GetString(nameof(IntegrationHealth.Outcome)),
                    entity.GetString(nameof(IntegrationHealth.Reason)));
            }
        }

        return found;
    }

    /// <summary>Forgets a deleted integration's health, so that an id reused by nobody leaves nothing behind.</summary>
    public async Task ForgetAsync(string organizationId, string integrationId, CancellationToken ct)
    {
        _written.TryRemove((organizationId, integrationId), out _);
        var table = await tables.GetAsync(TableNames.IntegrationHealth, ct);
        try
        {
            await table.DeleteEntityAsync(organizationId, integrationId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never used: nothing to forget.
        }
    }
}

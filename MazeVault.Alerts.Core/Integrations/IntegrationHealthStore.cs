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

    /// <summary>The organization's integrations that were ever used, by integration id.</summary>
    public async Task<IReadOnlyDictionary<string, IntegrationHealth>> ListAsync(string organizationId, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.IntegrationHealth, ct);
        var found = new Dictionary<string, IntegrationHealth>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}"), cancellationToken: ct))
        {
            found[entity.RowKey] = new IntegrationHealth(
                entity.GetString(nameof(IntegrationHealth.Status)),
                entity.GetDateTimeOffset(nameof(IntegrationHealth.LastAttemptAt)) ?? DateTimeOffset.MinValue,
                entity.GetString(nameof(IntegrationHealth.Outcome)),
                entity.GetString(nameof(IntegrationHealth.Reason)));
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

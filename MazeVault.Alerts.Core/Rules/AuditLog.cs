using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// Audit events in table <c>AuditEvents</c>: PartitionKey = organization, RowKey = <c>r</c>, the reverse of the event time
/// (ticks to <see cref="DateTime.MaxValue"/>), type and subject. Table Storage returns a partition in ascending RowKey
/// order only, so a reverse-time key makes "newest first" a plain range read that stops after one page, however many
/// events an organization has; reading everything and sorting would cost a full scan per page.
/// Rows written before this key (RowKey = the time forwards, type, subject: they start with a digit) stay readable:
/// nothing writes them any more, so that closed set is read in full per page and only the newest of it kept.
/// </summary>
public sealed class AuditLog(TableProvider tables)
{
    public const string IncidentDetected = "INCIDENT_DETECTED";

    /// <summary>
    /// The partition of actions that span organizations (API keys, grants, re-seal): empty, which no organization id can
    /// be, so no organization's reader ever sees it.
    /// </summary>
    public const string PlatformPartition = "";
    private const string NewestFirst = "r";
    private const string LegacyTimeFormat = "yyyyMMdd'T'HHmmssfffffff'Z'";
    private static readonly string[] Reserved = ["PartitionKey", "RowKey", "Timestamp", "odata.etag", "EventType", "OccurredAt", "SubjectId"];

    /// <summary>Records the event once: recording the same event (same time, type and subject) again is a no-op.</summary>
    public async Task RecordAsync(AuditEvent audit, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AuditEvents, ct);
        // The type is part of the key: two different events about one subject at the same instant are both kept.
        var entity = new TableEntity(audit.OrganizationId, Position(audit.OccurredAt, audit.EventType, audit.SubjectId))
        {
            ["EventType"] = audit.EventType,
            ["OccurredAt"] = audit.OccurredAt,
            ["SubjectId"] = audit.SubjectId,
        };
        foreach (var (name, value) in audit.Details)
        {
            entity[name] = value;
        }

        // False when an earlier attempt of the same request recorded it already.
        await TableWrites.TryAddAsync(table, entity, ct);
    }

    /// <summary>One page of an organization's events that match, newest first (ties by type, then subject).</summary>
    public Task<ListPage<AuditEvent>> ReadAsync(string organizationId, AuditQuery query, CancellationToken ct)
    {
        Validation.FieldErrors.RequireOrganization(organizationId);
        return ReadPartitionAsync(organizationId, query, ct);
    }

    /// <summary>One page of the platform trail (<see cref="PlatformPartition"/>), newest first.</summary>
    public Task<ListPage<AuditEvent>> ReadPlatformAsync(AuditQuery query, CancellationToken ct) => ReadPartitionAsync(PlatformPartition, query, ct);

    private async Task<ListPage<AuditEvent>> ReadPartitionAsync(string organizationId, AuditQuery query, CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AuditEvents, ct);
        // One more than a page tells whether another page follows.
        var wanted = query.Limit + 1;
        var matching = Matching(organizationId, query);

        var newest = new List<(string Position, TableEntity Entity)>();
        // From is inclusive and To exclusive; in reverse time both bounds sit one tick further on.
        var lower = NewestFirst + (query.To is { } to ? Reverse(to, 1) : "");
        var upper = NewestFirst + (query.From is { } from ? Reverse(from, 1) : ":");
        var range = TableClient.CreateQueryFilter($"RowKey ge {lower} and RowKey lt {upper}");
        var after = query.After is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey gt {query.After}");
        await foreach (var entity in table.QueryAsync<TableEntity>($"{matching} and {range}{after}", maxPerPage: wanted, cancellationToken: ct))
        {
            newest.Add((entity.RowKey, entity));
            if (newest.Count == wanted)
            {
                break;
            }
        }

        var items = newest.Concat(await LegacyAsync(table, matching, query, wanted, ct))
            .OrderBy(e => e.Position, StringComparer.Ordinal)
            .Take(wanted)
            .ToList();
        var more = items.Count > query.Limit;
        var page = items.Take(query.Limit).ToList();
        return new ListPage<AuditEvent>(
            page.Select(e => FromEntity(organizationId, e.Entity)).ToList(),
            more ? PageInput.Token(page[^1].Position) : null);
    }

    /// <summary>
    /// The keys of every event that occurred before <paramref name="cutoff"/>, partition by partition, for retention. In a
    /// partition they are one range of keys (reverse time puts the oldest last; old-format keys, time forwards, another),
    /// so each partition costs a seek and the pages of its expired rows; the next partition is found by a seek past this
    /// one, never by reading the rows between.
    /// </summary>
    public async IAsyncEnumerable<TableEntity> OccurredBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(TableNames.AuditEvents, ct);
        for (var partition = await NextPartitionAsync(table, null, ct); partition is not null; partition = await NextPartitionAsync(table, partition, ct))
        {
            var expired = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {NewestFirst + Reverse(cutoff, 1)} and RowKey lt {NewestFirst + ":"}");
            var legacy = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {LegacyKey(cutoff)}");
            foreach (var filter in new[] { legacy, expired })
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>The first partition after <paramref name="previous"/> (the first of all for null), or null past the last.</summary>
    private static async Task<string?> NextPartitionAsync(TableClient table, string? previous, CancellationToken ct)
    {
        var filter = previous is null ? null : TableClient.CreateQueryFilter($"PartitionKey gt {previous}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            if (page.Values.Count > 0)
            {
                return page.Values[0].PartitionKey;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="position"/> can be a row's place in newest-first order (what a continuation token holds).</summary>
    internal static bool IsPosition(string position) =>
        position.Length is > 21 and <= 1024 && position.StartsWith(NewestFirst, StringComparison.Ordinal)
        && position.AsSpan(1, 19).IndexOfAnyExceptInRange('0', '9') < 0 && position[20] == '-';

    /// <summary>The newest <paramref name="wanted"/> rows of the old key format that match, each with its newest-first position.</summary>
    private static async Task<List<(string Position, TableEntity Entity)>> LegacyAsync(
        TableClient table, string matching, AuditQuery query, int wanted, CancellationToken ct)
    {
        var from = LegacyKey(query.From ?? DateTimeOffset.MinValue);
        // Old keys start with a digit, so everything before the new prefix is old.
        var to = query.To is { } end ? LegacyKey(end) : NewestFirst;
        var filter = $"{matching} and {TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}")}";
        // Keeps the newest seen so far, and drops the oldest whenever there are more than a page's worth.
        var kept = new PriorityQueue<(string, TableEntity), string>(Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)));
        await foreach (var page in table.QueryAsync<TableEntity>(filter, cancellationToken: ct).AsPages().WithCancellation(ct))
        {
            foreach (var entity in page.Values)
            {
                var position = Position(entity.GetDateTimeOffset("OccurredAt") ?? default, entity.GetString("EventType"), entity.GetString("SubjectId"));
                if (query.After is null || string.CompareOrdinal(position, query.After) > 0)
                {
                    kept.Enqueue((position, entity), position);
                    if (kept.Count > wanted)
                    {
                        kept.Dequeue();
                    }
                }
            }
        }

        return kept.UnorderedItems.Select(i => i.Element).ToList();
    }

    private static string Matching(string organizationId, AuditQuery query)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organizationId}");
        if (query.EventType is { } type)
        {
            filter += " and " + TableClient.CreateQueryFilter($"EventType eq {type}");
        }

        if (query.Resource is { } resource)
        {
            filter += " and " + TableClient.CreateQueryFilter(
                $"(SubjectId eq {resource} or AffectedResourceName eq {resource} or ResourceId eq {resource} or Resource eq {resource})");
        }

        return filter;
    }

    private static string Position(DateTimeOffset at, string type, string subject) => $"{NewestFirst}{Reverse(at, 0)}-{type}-{subject}";

    /// <summary>Ticks to <see cref="DateTime.MaxValue"/> as 19 digits, so that text order is newest first.</summary>
    private static string Reverse(DateTimeOffset at, long shift) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks + shift).ToString("D19", CultureInfo.InvariantCulture);

    private static string LegacyKey(DateTimeOffset at) => at.UtcDateTime.ToString(LegacyTimeFormat, CultureInfo.InvariantCulture);

    private static AuditEvent FromEntity(string organizationId, TableEntity entity) => new(
        organizationId,
        entity.GetString("EventType"),
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetString("SubjectId"),
        entity.Where(p => !Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""));
}

using System.Globalization;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>The audit log on Azurite: newest first across pages, including rows written with the old (forward-time) key.</summary>
public sealed class AuditLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _org = AzuriteStorage.NewOrganization();
    private readonly AzuriteStorage _storage = new(azurite);

    private AuditLog Log => new(_storage.Tables);

    /// <summary>A row as the log wrote it before its keys ran newest first.</summary>
    private async Task WriteLegacyAsync(DateTimeOffset at, string type, string subject)
    {
        var table = await _storage.Tables.GetAsync(TableNames.AuditEvents, CancellationToken.None);
        var key = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture);
        await table.AddEntityAsync(new TableEntity(_org, $"{key}-{type}-{subject}")
        {
            ["EventType"] = type, ["OccurredAt"] = at, ["SubjectId"] = subject, ["AffectedResourceName"] = "legacy-db",
        });
    }

    private async Task<List<AuditEvent>> ReadAllAsync(AuditQuery query)
    {
        var all = new List<AuditEvent>();
        string? after = null;
        do
        {
            var page = await Log.ReadAsync(_org, query with { After = after }, CancellationToken.None);
            Assert.True(page.Items.Count <= query.Limit);
            all.AddRange(page.Items);
            after = page.ContinuationToken is { } token ? new AuditQueryInput { ContinuationToken = token }.ToQuery().After : null;
        }
        while (after is not null);

        return all;
    }

    [Fact]
    public async Task Old_and_new_rows_interleave_newest_first_across_pages()
    {
        // Old rows at even hours, new ones at odd hours: every page has to merge the two.
        for (var hour = 0; hour < 12; hour++)
        {
            if (hour % 2 == 0)
            {
                await WriteLegacyAsync(T0.AddHours(hour), AuditLog.IncidentDetected, $"inc-{hour}");
            }
            else
            {
                await Log.RecordAsync(new AuditEvent(_org, AuditLog.IncidentDetected, T0.AddHours(hour), $"inc-{hour}", new Dictionary<string, string>()), CancellationToken.None);
            }
        }

        var all = await ReadAllAsync(new AuditQuery { Limit = 5 });
        var window = await ReadAllAsync(new AuditQuery { Limit = 2, From = T0.AddHours(3), To = T0.AddHours(7) });
        var legacyOnly = await ReadAllAsync(new AuditQuery { Limit = 2, Resource = "legacy-db" });

        Assert.Equal(Enumerable.Range(0, 12).Reverse().Select(h => $"inc-{h}"), all.Select(e => e.SubjectId));
        Assert.Equal(["inc-6", "inc-5", "inc-4", "inc-3"], window.Select(e => e.SubjectId));
        Assert.Equal(["inc-10", "inc-8", "inc-6", "inc-4", "inc-2", "inc-0"], legacyOnly.Select(e => e.SubjectId));
    }

    [Fact]
    public async Task Events_at_one_instant_are_all_returned_once_across_a_page_boundary()
    {
        foreach (var subject in new[] { "a", "b", "c" })
        {
            await Log.RecordAsync(new AuditEvent(_org, "ALERT_SNOOZED", T0, subject, new Dictionary<string, string>()), CancellationToken.None);
        }

        await WriteLegacyAsync(T0, "ALERT_SNOOZED", "d");

        var all = await ReadAllAsync(new AuditQuery { Limit = 1, From = T0, To = T0.AddTicks(1) });

        Assert.Equal(["a", "b", "c", "d"], all.Select(e => e.SubjectId));
    }
}

using System.Net;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The Retention timer of the compiled app, run now through the host's admin endpoint, on rows written in the past.</summary>
public sealed class RetentionEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Fact]
    public async Task The_retention_timer_deletes_rows_past_their_time_and_keeps_the_rest()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-500));
        await using var past = TestServices.On(fixture.Azurite).WithClock(clock).Build();
        var audit = past.GetRequiredService<AuditLog>();
        var keys = past.GetRequiredService<IdempotencyStore>();
        // Past the defaults (audit 400 days, keys 7) and within them.
        await audit.RecordAsync(Event(organizationId, clock, "expired"), CancellationToken.None);
        await keys.RunAsync(organizationId, "op", "expired-key", "f", () => Task.FromResult(1), CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(499));
        await audit.RecordAsync(Event(organizationId, clock, "kept"), CancellationToken.None);
        await keys.RunAsync(organizationId, "op", "kept-key", "f", () => Task.FromResult(1), CancellationToken.None);

        using var run = await fixture.Client.PostAsync("admin/functions/Retention", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var events = await audit.ReadAsync(organizationId, new AuditQuery(), CancellationToken.None);
        Assert.Equal(["kept"], events.Items.Select(e => e.SubjectId));
        var table = past.GetRequiredService<StorageClients>().Table(TableNames.IdempotencyKeys);
        Assert.Single(await table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId).ToListAsync());
        Assert.Contains(fixture.App.Logs.Lines, l => l.Message.StartsWith("[Retention] Retention done", StringComparison.Ordinal)
            && l.Message.Contains("1 audit events, 1 idempotency keys", StringComparison.Ordinal));
    }

    private static AuditEvent Event(string organizationId, TimeProvider clock, string subject) =>
        new(organizationId, "TEST_EVENT", clock.GetUtcNow(), subject, new Dictionary<string, string>());
}

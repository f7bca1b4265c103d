using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// An alert's content is written in the transaction that creates its deliveries, beside them in the ledger table; the
/// first write of an alert id wins; and alerts stored by the version before, in table Alerts, are still delivered.
/// </summary>
public sealed class AlertRowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_dispatch_writes_the_alert_and_its_deliveries_in_one_request_then_one_message_each()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook), Integration("slack1", TestIntegrations.Slack), Integration("jira1", TestIntegrations.Jira)]);
        var targets = await engine.Services.GetRequiredService<DeliveryPlan>().ForOrganizationAsync(engine.Org, CancellationToken.None);
        var dispatcher = engine.Services.GetRequiredService<DeliveryDispatcher>();
        // A first dispatch creates the table and the queue on this instance.
        await dispatcher.DispatchAsync(CertificateAlert(engine, "cert-0"), targets, CancellationToken.None);
        var alert = CertificateAlert(engine);

        using var counter = new StorageRequestCounter(azurite);
        Assert.Equal(3, await dispatcher.DispatchAsync(alert, targets, CancellationToken.None));

        Assert.Equal(["POST $batch", "POST messages", "POST messages", "POST messages"], counter.Requests.Select(r => $"{r.Method} {new Uri(r.Uri).Segments[^1]}"));
        var rows = await RowsAsync(engine);
        Assert.Contains(rows, r => r.RowKey == AlertStore.RowKeyPrefix + alert.Id);
        Assert.Equal(2, rows.Count(r => !r.RowKey.StartsWith("d-", StringComparison.Ordinal)));
        Assert.Equal(6, (await engine.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task A_rerun_with_other_content_keeps_the_stored_alert_also_on_the_instance_that_reran_it()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook)]);
        var targets = await engine.Services.GetRequiredService<DeliveryPlan>().ForOrganizationAsync(engine.Org, CancellationToken.None);
        var alert = CertificateAlert(engine);
        Assert.Equal(1, await engine.Services.GetRequiredService<DeliveryDispatcher>().DispatchAsync(alert, targets, CancellationToken.None));

        await using var rerun = Create(azurite, adminEmail: null, teamsWebhook: null, organizationId: engine.Org, queueName: engine.Queue.Name);
        var changed = alert with { Notification = alert.Notification with { Subject = "written by the rerun" } };
        Assert.Equal(0, await rerun.Services.GetRequiredService<DeliveryDispatcher>().DispatchAsync(changed, targets, CancellationToken.None));
        Assert.Equal(1, await rerun.DrainAsync());

        Assert.Equal(alert.Notification.Subject, Assert.Single(rerun.Sent).Notification.Subject);
        Assert.Single(await RowsAsync(engine), r => r.RowKey.StartsWith(AlertStore.RowKeyPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_stored_by_the_version_before_in_table_Alerts_is_still_delivered()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        // What the version before left: the same row in table Alerts under the bare alert id, and no row beside the deliveries.
        var ledger = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        var row = (await RowsAsync(engine)).Single(r => r.RowKey.StartsWith(AlertStore.RowKeyPrefix, StringComparison.Ordinal));
        await ledger.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        var alertId = row.RowKey[AlertStore.RowKeyPrefix.Length..];
        var old = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Alerts, CancellationToken.None);
        await old.AddEntityAsync(new TableEntity(row) { RowKey = alertId });
        // Handled by an instance that never saw the alert (the upgraded app): it reads the content from storage.
        await using var upgraded = Create(azurite, adminEmail: null, teamsWebhook: null, organizationId: engine.Org, queueName: engine.Queue.Name);

        Assert.Equal(1, await upgraded.DrainAsync());

        var delivered = Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(IncidentId: accepted.IncidentId)));
        Assert.Equal(DeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(alertId, delivered.AlertId);
        Assert.Contains("prod-db-password", Assert.Single(upgraded.Sent).Notification.Subject, StringComparison.Ordinal);
    }

    private static Alert CertificateAlert(EngineHarness engine, string certificateId = "cert-1") => AlertFactory.CertificateExpiry(new Certificate
    {
        Id = certificateId, OrganizationId = engine.Org, Subject = "CN=api.example.com", NotAfter = engine.Clock.GetUtcNow().AddDays(10),
    }, engine.Clock.GetUtcNow());

    private static async Task<List<TableEntity>> RowsAsync(EngineHarness engine)
    {
        var ledger = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        return await ledger.QueryAsync<TableEntity>(e => e.PartitionKey == engine.Org).ToListAsync();
    }
}

using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>The daily check, incidents and rotation executions end to end on Azurite, with recording channels.</summary>
public sealed class RuleServicesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task InventoryAsync(EngineHarness engine, IReadOnlyList<Certificate> certificates, IReadOnlyList<RotationConfig> configs)
    {
        Assert.All(await engine.Inventory.ImportCertificatesAsync(certificates.Select(c => c with { OrganizationId = engine.Org }).ToList(), CancellationToken.None), r => Assert.Null(r.Error));
        Assert.All(await engine.Inventory.ImportRotationConfigsAsync(configs.Select(c => c with { OrganizationId = engine.Org }).ToList(), CancellationToken.None), r => Assert.Null(r.Error));
    }

    private static Certificate Cert(string id, DateTimeOffset notAfter, bool autoRenewal = false, RenewalStatus renewal = RenewalStatus.None) =>
        new() { Id = id, OrganizationId = "org", Subject = $"CN={id}", NotAfter = notAfter, AutoRenewalEnabled = autoRenewal, LastRenewalStatus = renewal };

    private static RotationConfig Rotation(string id, bool enabled, RotationStatus status) =>
        new() { Id = id, OrganizationId = "org", SecretName = $"secret-{id}", Enabled = enabled, Status = status, LastError = "vault refused the new value", NotificationEmails = ["owner@example.com"] };

    private static AuditQuery Between(DateTimeOffset from, DateTimeOffset to) => new() { From = from, To = to, Limit = PageRequest.MaxLimit };

    [Fact]
    public async Task Daily_check_alerts_every_matching_row_of_both_tables_and_nothing_else()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var now = engine.Clock.GetUtcNow();
        await InventoryAsync(engine,
            [
                Cert("example.com", now.AddDays(30)), Cert("failed-renewal", now.AddDays(29), true, RenewalStatus.Failed),
                Cert("renewed", now.AddDays(29), true, RenewalStatus.Success), Cert("later", now.AddDays(31)), Cert("expired", now.AddDays(-1)),
            ],
            [Rotation("bad", true, RotationStatus.Failed), Rotation("good", true, RotationStatus.Success), Rotation("off", false, RotationStatus.Failed)]);

        var summary = await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.True(summary.CertificatesScanned >= 5 && summary.RotationConfigsScanned >= 3);
        Assert.Equal(3, (await engine.DeliveriesAsync()).Count);
        Assert.Equal(
            ["Certificate CN=example.com expiring on 2026-04-15", "Certificate CN=failed-renewal expiring on 2026-04-14", "Secret rotation failed: secret-bad"],
            engine.Sent.Select(s => s.Notification.Subject).Order());
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message == "[NotificationScheduler] Certificate CN=example.com expiring on 2026-04-15");
    }

    [Fact]
    public async Task Daily_check_run_twice_on_one_day_sends_once_and_again_the_next_day()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync([Integration("jira1", TestIntegrations.Jira), Integration("teams1", TestIntegrations.Teams)], [Contact("ann", 1)]);
        var now = engine.Clock.GetUtcNow();
        await InventoryAsync(engine, [Cert("example.com", now.AddDays(10))], [Rotation("bad", true, RotationStatus.Failed)]);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        engine.Clock.Advance(TimeSpan.FromHours(12));
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(10, (await engine.DeliveriesAsync()).Count);
        Assert.Equal(10, engine.Sent.Count);
        Assert.Equal(10, engine.Sent.Select(s => (s.Target.Id, s.Notification.Subject)).Distinct().Count());

        engine.Clock.Advance(TimeSpan.FromHours(13));
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        Assert.Equal(20, engine.Sent.Count);
    }

    [Fact]
    public async Task Daily_check_rerun_requeues_deliveries_whose_message_was_lost_and_still_sends_once()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        await InventoryAsync(engine, [Cert("example.com", engine.Clock.GetUtcNow().AddDays(10))], []);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.Queue.ClearMessagesAsync(); // the crash window between ledger write and enqueue
        engine.Clock.Advance(DeliveryLedger.RequeueGrace + TimeSpan.FromSeconds(1));
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());
        // A rerun right after the requeue leaves the message it just sent alone.
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());
        await engine.DrainAsync();

        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
    }

    [Fact]
    public async Task A_same_day_daily_check_rerun_queues_and_reports_nothing_new()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack), Integration("hook1", TestIntegrations.Webhook)]);
        await InventoryAsync(engine, [Cert("example.com", engine.Clock.GetUtcNow().AddDays(10))], []);

        var first = await engine.DailyCheck.RunAsync(CancellationToken.None);
        engine.Clock.Advance(TimeSpan.FromMilliseconds(100));
        var rerun = await engine.DailyCheck.RunAsync(CancellationToken.None);

        Assert.Equal(2, first.DeliveriesQueued);
        Assert.Equal(0, rerun.DeliveriesQueued);
        Assert.Equal(2, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task Concurrent_posts_of_one_incident_queue_each_delivery_once_and_their_answers_add_up()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack), Integration("hook1", TestIntegrations.Webhook), Integration("jira1", TestIntegrations.Jira)]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None)));

        Assert.Equal(3, answers.Sum(a => a.DeliveriesQueued));
        Assert.Single(answers.Select(a => a.IncidentId).Distinct());
        Assert.Equal(3, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task Each_incident_records_one_INCIDENT_DETECTED_audit_event_queryable_by_organization_and_time()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var audit = engine.Services.GetService(typeof(AuditLog)) as AuditLog;

        var first = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-1"), null, CancellationToken.None);
        var second = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-2"), null, CancellationToken.None);
        await engine.DrainAsync();
        var retried = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-1"), null, CancellationToken.None);

        Assert.Equal(first.IncidentId, retried.IncidentId);
        Assert.Equal(0, retried.DeliveriesQueued);
        Assert.NotEqual(first.IncidentId, second.IncidentId);
        var detected = IncidentRequest().DetectedAt!.Value;
        var events = (await audit!.ReadAsync(engine.Org, Between(detected.AddMinutes(-1), detected.AddMinutes(1)), CancellationToken.None)).Items;
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(AuditLog.IncidentDetected, e.EventType));
        Assert.Equal(["db-1", "db-2"], events.Select(e => e.Details["AffectedResourceName"]).Order());
        Assert.Empty((await audit.ReadAsync(engine.Org, Between(detected.AddMinutes(1), detected.AddHours(1)), CancellationToken.None)).Items);
        Assert.Empty((await audit.ReadAsync("another-org", Between(detected.AddMinutes(-1), detected.AddMinutes(1)), CancellationToken.None)).Items);
        Assert.Equal(2, engine.Sent.Count);
    }

    [Fact]
    public async Task An_invalid_incident_names_every_bad_field_and_writes_nothing()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);

        var error = await Assert.ThrowsAsync<ValidationException>(() => engine.Incidents.ReportAsync(
            engine.Org, new IncidentRequest { Type = " ", Severity = "apocalyptic", DetectedAt = engine.Clock.GetUtcNow().AddHours(1) }, null, CancellationToken.None));

        Assert.Equal(["affectedResourceName", "detectedAt", "severity", "type"], error.Errors.Select(e => e.Field).Order());
        Assert.Empty(await engine.DeliveriesAsync());
    }

    [Fact]
    public async Task A_failed_rotation_execution_emails_only_the_configs_own_addresses()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack), Integration("email1", TestIntegrations.Email)], [Contact("ann", 1)]);
        await engine.Inventory.UpsertRotationConfigAsync(
            Rotation("db", true, RotationStatus.Success) with { OrganizationId = engine.Org, NotificationEmails = ["owner@example.com", "dba@example.com"] }, CancellationToken.None);
        var service = (RotationExecutionService)engine.Services.GetService(typeof(RotationExecutionService))!;

        var result = await service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "failed", Error = "vault refused the new value" }, CancellationToken.None);
        await engine.DrainAsync();

        var saved = await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None);
        Assert.Equal(RotationStatus.Failed, saved!.Status);
        Assert.Equal("vault refused the new value", saved.LastError);
        Assert.Equal(1, result!.DeliveriesQueued);
        var sent = Assert.Single(engine.Sent);
        Assert.Equal(TestIntegrations.Email, sent.Type);
        Assert.Equal(["owner@example.com", "dba@example.com"], ((EmailSettings)sent.Target.Settings).Recipients);
        Assert.Contains("vault refused the new value", sent.Notification.Message);
    }

    [Fact]
    public async Task A_failed_execution_of_a_disabled_rotation_config_is_recorded_and_emails_no_one()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)], [Contact("ann", 1)]);
        await engine.Inventory.UpsertRotationConfigAsync(
            Rotation("db", false, RotationStatus.Success) with { OrganizationId = engine.Org, NotificationEmails = ["owner@example.com"] }, CancellationToken.None);
        var service = (RotationExecutionService)engine.Services.GetService(typeof(RotationExecutionService))!;

        var result = await service.ReportAsync(
            engine.Org, "db", new RotationExecutionRequest { Status = "failed", Error = "vault refused the new value", ExecutionId = "run-7" }, CancellationToken.None);
        await engine.DrainAsync();
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(0, result!.DeliveriesQueued);
        var saved = await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None);
        Assert.Equal((RotationStatus.Failed, "vault refused the new value"), (saved!.Status, saved.LastError));
        Assert.Empty(await engine.DeliveriesAsync());
        Assert.Empty(engine.Sent);
    }

    [Fact]
    public async Task A_burst_of_concurrent_reports_of_one_failed_execution_emails_once_and_counts_once_against_the_cap()
    {
        // Settings given here also switch the harness to the product's real channels: this test counts ledger rows, it sends nothing.
        await using var engine = Create(azurite, realChannelSettings: new Dictionary<string, string?> { ["ROTATION_FAILURE_EMAILS_PER_DAY"] = "2" });
        var failed = await engine.Inventory.UpsertRotationConfigAsync(Rotation("db", true, RotationStatus.Failed) with { OrganizationId = engine.Org }, CancellationToken.None);
        var notifier = engine.Services.GetRequiredService<RotationFailureNotifier>();
        Task<int> ReportAsync(string executionId) => notifier.NotifyAsync(failed, executionId, CancellationToken.None);

        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => ReportAsync("run-1")));
        var second = await ReportAsync("run-2");
        var third = await ReportAsync("run-3");

        Assert.Equal(1, burst.Sum());
        Assert.Equal((1, 0), (second, third));
        Assert.Equal(2, (await engine.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task A_successful_rotation_execution_clears_the_failure_and_sends_nothing()
    {
        await using var engine = Create(azurite);
        await engine.Inventory.UpsertRotationConfigAsync(Rotation("db", true, RotationStatus.Failed) with { OrganizationId = engine.Org }, CancellationToken.None);
        var service = (RotationExecutionService)engine.Services.GetService(typeof(RotationExecutionService))!;

        var result = await service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "success" }, CancellationToken.None);

        Assert.Equal(0, result!.DeliveriesQueued);
        var saved = await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None);
        Assert.Equal(RotationStatus.Success, saved!.Status);
        Assert.Null(saved.LastError);
        Assert.Empty(engine.Sent);
        Assert.Null(await service.ReportAsync(engine.Org, "missing", new RotationExecutionRequest { Status = "success" }, CancellationToken.None));
        await Assert.ThrowsAsync<ValidationException>(() => service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "maybe" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_rotation_execution_racing_a_vault_upsert_keeps_the_vaults_change_and_emails_its_new_addresses()
    {
        await using var engine = Create(azurite);
        await engine.Inventory.UpsertRotationConfigAsync(
            Rotation("db", true, RotationStatus.Success) with { OrganizationId = engine.Org, NotificationEmails = ["old@example.com"] }, CancellationToken.None);
        var raced = false;
        var store = new Mock<IInventoryStore>();
        store.Setup(s => s.GetRotationConfigAsync(engine.Org, "db", It.IsAny<CancellationToken>())).Returns(async (string org, string id, CancellationToken ct) =>
        {
            var read = await engine.Inventory.GetRotationConfigAsync(org, id, ct);
            if (!raced)
            {
                // The vault's upsert lands between our read and our write.
                raced = true;
                await engine.Inventory.UpsertRotationConfigAsync(read! with { NotificationEmails = ["new@example.com"], ETag = null }, ct);
            }

            return read;
        });
        store.Setup(s => s.UpsertRotationConfigAsync(It.IsAny<RotationConfig>(), It.IsAny<CancellationToken>()))
            .Returns((RotationConfig config, CancellationToken ct) => engine.Inventory.UpsertRotationConfigAsync(config, ct));
        var service = new RotationExecutionService(store.Object, engine.Services.GetRequiredService<RotationFailureNotifier>());

        var result = await service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "failed", Error = "refused" }, CancellationToken.None);
        await engine.DrainAsync();

        var saved = await engine.Inventory.GetRotationConfigAsync(engine.Org, "db", CancellationToken.None);
        Assert.Equal(["new@example.com"], saved!.NotificationEmails);
        Assert.Equal(RotationStatus.Failed, saved.Status);
        Assert.Equal(["new@example.com"], result!.Config.NotificationEmails);
        Assert.Equal(["new@example.com"], ((EmailSettings)Assert.Single(engine.Sent).Target.Settings).Recipients);
    }
}

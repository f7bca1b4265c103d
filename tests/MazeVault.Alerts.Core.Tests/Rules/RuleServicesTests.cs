using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.Core.Validation;
using MazeVault.Alerts.TestSupport;
using Moq;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Rules;

/// <summary>The daily check, incidents and rotation executions end to end on Azurite, with recording channels.</summary>
public sealed class RuleServicesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static void Inventory(EngineHarness engine, IReadOnlyList<Certificate> certificates, IReadOnlyList<RotationConfig> configs)
    {
        engine.Inventory.Setup(s => s.ListOrganizationsAsync(It.IsAny<CancellationToken>())).Returns(() => new[] { engine.Org }.ToAsyncEnumerable());
        engine.Inventory.Setup(s => s.ScanCertificatesAsync(engine.Org, It.IsAny<CancellationToken>()))
            .Returns(() => certificates.Select(c => c with { OrganizationId = engine.Org }).ToAsyncEnumerable());
        engine.Inventory.Setup(s => s.ScanRotationConfigsAsync(engine.Org, It.IsAny<CancellationToken>()))
            .Returns(() => configs.Select(c => c with { OrganizationId = engine.Org }).ToAsyncEnumerable());
    }

    private static Certificate Cert(string id, DateTimeOffset notAfter, bool autoRenewal = false, RenewalStatus renewal = RenewalStatus.None) =>
        new() { Id = id, OrganizationId = "org", Subject = $"CN={id}", NotAfter = notAfter, AutoRenewalEnabled = autoRenewal, LastRenewalStatus = renewal };

    private static RotationConfig Rotation(string id, bool enabled, RotationStatus status) =>
        new() { Id = id, OrganizationId = "org", SecretName = $"secret-{id}", Enabled = enabled, Status = status, LastError = "vault refused the new value", NotificationEmails = ["owner@example.com"] };

    [Fact]
    public async Task Daily_check_alerts_every_matching_row_of_both_tables_and_nothing_else()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        engine.Configure([Integration("slack1", IntegrationType.Slack)]);
        var now = engine.Clock.GetUtcNow();
        Inventory(engine,
            [
                Cert("example.com", now.AddDays(30)), Cert("failed-renewal", now.AddDays(29), true, RenewalStatus.Failed),
                Cert("renewed", now.AddDays(29), true, RenewalStatus.Success), Cert("later", now.AddDays(31)), Cert("expired", now.AddDays(-1)),
            ],
            [Rotation("bad", true, RotationStatus.Failed), Rotation("good", true, RotationStatus.Success), Rotation("off", false, RotationStatus.Failed)]);

        var summary = await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(new DailyCheckSummary(1, 5, 3, 3, 3), summary);
        Assert.Equal(
            ["Certificate CN=example.com expiring on 2026-04-15", "Certificate CN=failed-renewal expiring on 2026-04-14", "Secret rotation failed: secret-bad"],
            engine.Sends.Select(s => s.Notification.Subject));
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message == "[NotificationScheduler] Certificate CN=example.com expiring on 2026-04-15");
    }

    [Fact]
    public async Task Daily_check_run_twice_on_one_day_sends_once_and_again_the_next_day()
    {
        await using var engine = Create(azurite);
        engine.Configure([Integration("jira1", IntegrationType.Jira), Integration("teams1", IntegrationType.Teams)], [Contact("ann", 1)]);
        var now = engine.Clock.GetUtcNow();
        Inventory(engine, [Cert("example.com", now.AddDays(10))], [Rotation("bad", true, RotationStatus.Failed)]);

        var first = await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        engine.Clock.Advance(TimeSpan.FromHours(12));
        var second = await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(10, first.DeliveriesQueued);
        Assert.Equal(0, second.DeliveriesQueued);
        Assert.Equal(10, engine.Sends.Count);
        Assert.Equal(10, engine.Sends.Select(s => (s.Target.Id, s.Notification.Subject)).Distinct().Count());

        engine.Clock.Advance(TimeSpan.FromHours(13));
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        Assert.Equal(20, engine.Sends.Count);
    }

    [Fact]
    public async Task Daily_check_rerun_requeues_deliveries_whose_message_was_lost_and_still_sends_once()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        engine.Configure([Integration("slack1", IntegrationType.Slack)]);
        Inventory(engine, [Cert("example.com", engine.Clock.GetUtcNow().AddDays(10))], []);

        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.Queue.ClearMessagesAsync(); // the crash window between ledger write and enqueue
        Assert.Equal(1, (await engine.DailyCheck.RunAsync(CancellationToken.None)).DeliveriesQueued);
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(1, engine.Channels[IntegrationType.Slack].Calls);
    }

    [Fact]
    public async Task Each_incident_records_one_INCIDENT_DETECTED_audit_event_queryable_by_organization_and_time()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        engine.Configure([Integration("slack1", IntegrationType.Slack)]);
        var audit = engine.Services.GetService(typeof(AuditLog)) as AuditLog;

        var first = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-1"), CancellationToken.None);
        var second = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-2"), CancellationToken.None);
        await engine.DrainAsync();
        var retried = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("db-1"), CancellationToken.None);

        Assert.Equal(first.IncidentId, retried.IncidentId);
        Assert.Equal(0, retried.DeliveriesQueued);
        Assert.NotEqual(first.IncidentId, second.IncidentId);
        var detected = IncidentRequest().DetectedAt!.Value;
        var events = await audit!.QueryAsync(engine.Org, detected.AddMinutes(-1), detected.AddMinutes(1), CancellationToken.None).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(AuditLog.IncidentDetected, e.EventType));
        Assert.Equal(["db-1", "db-2"], events.Select(e => e.Details["AffectedResourceName"]).Order());
        Assert.Empty(await audit.QueryAsync(engine.Org, detected.AddMinutes(1), detected.AddHours(1), CancellationToken.None).ToListAsync());
        Assert.Empty(await audit.QueryAsync("another-org", detected.AddMinutes(-1), detected.AddMinutes(1), CancellationToken.None).ToListAsync());
        Assert.Equal(2, engine.Sends.Count);
    }

    [Fact]
    public async Task An_invalid_incident_names_every_bad_field_and_writes_nothing()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        engine.Configure([Integration("slack1", IntegrationType.Slack)]);

        var error = await Assert.ThrowsAsync<ValidationException>(() => engine.Incidents.ReportAsync(
            engine.Org, new IncidentRequest { Type = " ", Severity = "apocalyptic", DetectedAt = engine.Clock.GetUtcNow().AddHours(1) }, CancellationToken.None));

        Assert.Equal(["affectedResourceName", "detectedAt", "severity", "type"], error.Errors.Select(e => e.Field).Order());
        Assert.Empty(await engine.DeliveriesAsync());
    }

    [Fact]
    public async Task A_failed_rotation_execution_emails_only_the_configs_own_addresses()
    {
        await using var engine = Create(azurite);
        engine.Configure([Integration("slack1", IntegrationType.Slack), Integration("email1", IntegrationType.Email)], [Contact("ann", 1)]);
        var config = Rotation("db", true, RotationStatus.Success) with { OrganizationId = engine.Org, NotificationEmails = ["owner@example.com", "dba@example.com"] };
        RotationConfig? saved = null;
        engine.Inventory.Setup(s => s.GetRotationConfigAsync(engine.Org, "db", It.IsAny<CancellationToken>())).ReturnsAsync(() => saved ?? config);
        engine.Inventory.Setup(s => s.UpsertRotationConfigAsync(It.IsAny<RotationConfig>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RotationConfig c, CancellationToken _) => saved = c);
        var service = (RotationExecutionService)engine.Services.GetService(typeof(RotationExecutionService))!;

        var result = await service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "failed", Error = "vault refused the new value" }, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(RotationStatus.Failed, saved!.Status);
        Assert.Equal("vault refused the new value", saved.LastError);
        Assert.Equal(1, result!.DeliveriesQueued);
        var sent = Assert.Single(engine.Sends);
        Assert.Equal(IntegrationType.Email, sent.Type);
        Assert.Equal(["owner@example.com", "dba@example.com"], sent.Target.EmailRecipients);
        Assert.Contains("vault refused the new value", sent.Notification.Message);
    }

    [Fact]
    public async Task A_successful_rotation_execution_clears_the_failure_and_sends_nothing()
    {
        await using var engine = Create(azurite);
        var config = Rotation("db", true, RotationStatus.Failed) with { OrganizationId = engine.Org };
        RotationConfig? saved = null;
        engine.Inventory.Setup(s => s.GetRotationConfigAsync(engine.Org, "db", It.IsAny<CancellationToken>())).ReturnsAsync(config);
        engine.Inventory.Setup(s => s.UpsertRotationConfigAsync(It.IsAny<RotationConfig>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RotationConfig c, CancellationToken _) => saved = c);
        var service = (RotationExecutionService)engine.Services.GetService(typeof(RotationExecutionService))!;

        var result = await service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "success" }, CancellationToken.None);

        Assert.Equal(0, result!.DeliveriesQueued);
        Assert.Equal(RotationStatus.Success, saved!.Status);
        Assert.Null(saved.LastError);
        Assert.Empty(engine.Sends);
        Assert.Null(await service.ReportAsync(engine.Org, "missing", new RotationExecutionRequest { Status = "success" }, CancellationToken.None));
        await Assert.ThrowsAsync<ValidationException>(() => service.ReportAsync(engine.Org, "db", new RotationExecutionRequest { Status = "maybe" }, CancellationToken.None));
    }
}

using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Quotas;

/// <summary>
/// Per-organization quotas on Azurite with the harness's frozen clock: intake per minute (429 with Retry-After), import
/// size (422) and emails per day (suppressed, no failure notice), each refusal window audited once.
/// </summary>
public sealed class OrganizationQuotasTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<IReadOnlyList<AuditEvent>> QuotaEventsAsync(EngineHarness engine) =>
        (await engine.Services.GetRequiredService<AuditLog>().ReadAsync(engine.Org, new AuditQuery { EventType = OrganizationQuotas.AuditEventType }, CancellationToken.None)).Items;

    private static int QuotaLines(EngineHarness engine) =>
        engine.Logs.GetSnapshot().Count(l => l.Level == LogLevel.Warning && l.Message.StartsWith("[Quota] Organization " + engine.Org + " reached its", StringComparison.Ordinal));

    [Fact]
    public async Task Incidents_past_the_minute_quota_are_refused_until_the_next_minute_with_one_audit_event()
    {
        await using var engine = Create(azurite, settings: new Dictionary<string, string?> { ["QUOTA_INCIDENTS_PER_MINUTE"] = "2" });
        engine.Clock.Advance(TimeSpan.FromSeconds(15));

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("a"), null, CancellationToken.None);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("b"), null, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => engine.Incidents.ReportAsync(engine.Org, IncidentRequest("c"), null, CancellationToken.None));
        await Assert.ThrowsAsync<QuotaExceededException>(() => engine.Incidents.ReportAsync(engine.Org, IncidentRequest("d"), null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(45), refused.RetryAfter);
        Assert.Equal(OrganizationQuotas.Incidents, refused.Quota);
        var audited = Assert.Single(await QuotaEventsAsync(engine));
        Assert.Equal(OrganizationQuotas.Incidents, audited.SubjectId);
        Assert.Equal(1, QuotaLines(engine));
        // Nothing of a refused incident was recorded: two incidents' deliveries only.
        await engine.DrainAsync();
        Assert.Equal(2, (await engine.DeliveriesAsync()).Select(d => d.AlertId).Distinct().Count());

        engine.Clock.Advance(refused.RetryAfter);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("c"), null, CancellationToken.None);
    }

    [Fact]
    public async Task An_import_over_the_size_quota_is_refused_with_422_naming_the_body_and_writes_nothing()
    {
        await using var engine = Create(azurite, settings: new Dictionary<string, string?> { ["QUOTA_IMPORT_MAX_ITEMS"] = "3" });
        var inventory = engine.Services.GetRequiredService<InventoryService>();
        var notAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ValidationException>(() => inventory.ImportAsync(engine.Org, new InventoryImportInput
        {
            Certificates = Enumerable.Range(0, 3).Select(i => (CertificateInput?)new CertificateInput { Id = $"c{i}", Subject = "CN=a", NotAfter = notAfter }).ToList(),
            RotationConfigs = [new RotationConfigInput { Id = "r0", SecretName = "s" }],
        }, CancellationToken.None));

        Assert.True(error.Refused);
        Assert.Equal("body", Assert.Single(error.Errors).Field);
        Assert.Null(await engine.Inventory.GetCertificateAsync(engine.Org, "c0", CancellationToken.None));
        Assert.Equal(OrganizationQuotas.ImportItems, Assert.Single(await QuotaEventsAsync(engine)).SubjectId);
        Assert.Equal(1, QuotaLines(engine));
    }

    [Fact]
    public async Task Integrations_and_contacts_past_their_per_organization_quota_are_refused_with_422_naming_the_body()
    {
        await using var engine = Create(azurite, settings: new Dictionary<string, string?>
        {
            ["QUOTA_INTEGRATIONS_PER_ORGANIZATION"] = "2",
            ["QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION"] = "1",
        });
        var integrations = engine.Services.GetRequiredService<IntegrationService>();
        var contacts = engine.Services.GetRequiredService<IncidentContactService>();
        IntegrationInput Mail(int n) => new()
        {
            Type = "email", Name = $"Mail {n}",
            Settings = new() { ["emailRecipients"] = System.Text.Json.JsonSerializer.SerializeToElement(new[] { $"ops{n}@example.com" }) },
        };

        await integrations.CreateAsync(engine.Org, Mail(1), CancellationToken.None);
        await integrations.CreateAsync(engine.Org, Mail(2), CancellationToken.None);
        var integration = await Assert.ThrowsAsync<ValidationException>(() => integrations.CreateAsync(engine.Org, Mail(3), CancellationToken.None));
        await contacts.CreateAsync(engine.Org, new IncidentContactInput { Name = "Ann", Email = "ann@example.com" }, CancellationToken.None);
        var contact = await Assert.ThrowsAsync<ValidationException>(() =>
            contacts.CreateAsync(engine.Org, new IncidentContactInput { Name = "Bob", Email = "bob@example.com" }, CancellationToken.None));
        // Another organization has its own room.
        await contacts.CreateAsync(engine.Org + "-other", new IncidentContactInput { Name = "Bob", Email = "bob@example.com" }, CancellationToken.None);

        Assert.All(new[] { integration, contact }, error => Assert.True(error.Refused));
        Assert.Equal("body", Assert.Single(integration.Errors).Field);
        Assert.Contains("QUOTA_INTEGRATIONS_PER_ORGANIZATION", Assert.Single(integration.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("QUOTA_INCIDENT_CONTACTS_PER_ORGANIZATION", Assert.Single(contact.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(2, (await integrations.ListAsync(engine.Org, PageRequest.First, CancellationToken.None)).Items.Count);
        Assert.Single((await contacts.ListAsync(engine.Org, PageRequest.First, CancellationToken.None)).Items);
        Assert.Equal([OrganizationQuotas.IncidentContacts, OrganizationQuotas.Integrations], (await QuotaEventsAsync(engine)).Select(e => e.SubjectId!).Order(StringComparer.Ordinal));
        Assert.Equal(2, QuotaLines(engine));
    }

    [Fact]
    public async Task Emails_past_the_daily_quota_are_suppressed_counted_and_audited_without_a_failure_notice_and_other_channels_still_deliver()
    {
        await using var engine = Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null,
            settings: new Dictionary<string, string?> { ["QUOTA_EMAILS_PER_DAY"] = "2" });
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)], [Contact("ann", 1), Contact("bob", 2)]);

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = await engine.DeliveriesAsync();
        // ADMIN_EMAIL and the contacts (three emails), Slack; no failure notice beside them.
        Assert.Equal(4, deliveries.Count);
        Assert.Single(deliveries.Select(d => d.AlertId).Distinct());
        var emails = deliveries.Where(d => d.Channel == "Email").ToList();
        Assert.Equal(2, emails.Count(d => d.Status == DeliveryStatus.Delivered));
        var suppressed = Assert.Single(emails, d => d.Status == DeliveryStatus.Suppressed);
        Assert.Equal(OrganizationQuotas.EmailQuotaReason, suppressed.Detail);
        Assert.Null(suppressed.LastError);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(deliveries, d => d.Channel == "Slack").Status);
        Assert.Equal(2, engine.Sent.Count(s => s.Type == TestIntegrations.Email));
        Assert.Equal(OrganizationQuotas.Emails, Assert.Single(await QuotaEventsAsync(engine)).SubjectId);
        Assert.Equal(1, QuotaLines(engine));
        Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(Status: DeliveryStatus.Suppressed)));

        // A new UTC day has a new quota.
        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest("next-day"), null, CancellationToken.None);
        await engine.DrainAsync();
        Assert.Equal(4, engine.Sent.Count(s => s.Type == TestIntegrations.Email));
    }

    [Fact]
    public async Task Two_instances_counting_one_quota_at_once_never_let_more_through_than_the_limit()
    {
        var settings = new Dictionary<string, string?> { ["QUOTA_EMAILS_PER_DAY"] = "25" };
        await using var first = Create(azurite, settings: settings);
        await using var second = Create(azurite, settings: settings, organizationId: first.Org);
        var quotas = new[] { first, second }.Select(e => e.Services.GetRequiredService<OrganizationQuotas>()).ToList();

        var taken = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => quotas[i % 2].TryTakeEmailAsync(first.Org, CancellationToken.None)));

        Assert.Equal(25, taken.Count(t => t));
    }
}

using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Tests.Delivery;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Noise;

/// <summary>Snoozes over the real engine on Azurite: silence, automatic end (time, resource change), API end, audit, report marks.</summary>
public sealed class SnoozeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static SnoozeService Snoozes(EngineHarness engine) => engine.Services.GetRequiredService<SnoozeService>();

    private static async Task<EngineHarness> EngineWithDueCertificateAsync(AzuriteFixture azurite)
    {
        var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([EngineHarness.Integration("slack1", TestIntegrations.Slack)]);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, engine.Clock.GetUtcNow().AddDays(10)), CancellationToken.None);
        return engine;
    }

    private static Certificate Certificate(EngineHarness engine, DateTimeOffset notAfter) =>
        new() { Id = "web", OrganizationId = engine.Org, Subject = "CN=web.example.com", NotAfter = notAfter, AutoRenewalEnabled = false };

    private static async Task<int> RunDayAsync(EngineHarness engine)
    {
        var before = engine.Sent.Count;
        await engine.DailyCheck.RunAsync(CancellationToken.None);
        await engine.DrainAsync();
        engine.Clock.Advance(TimeSpan.FromDays(1));
        return engine.Sent.Count - before;
    }

    /// <summary>
    /// The organization's audit events in the order they happened (the log reads newest first; a stable sort keeps events
    /// of one instant in the log's order, by type).
    /// </summary>
    private static async Task<List<AuditEvent>> AuditAsync(EngineHarness engine) =>
        (await engine.Services.GetRequiredService<AuditLog>()
            .ReadAsync(engine.Org, new AuditQuery { Limit = PageRequest.MaxLimit }, CancellationToken.None)).Items.OrderBy(e => e.OccurredAt).ToList();

    private static SnoozeInput Until(EngineHarness engine, int days) =>
        new() { Until = engine.Clock.GetUtcNow().AddDays(days), Reason = "renewal ordered from the CA", Owner = "ann@example.com" };

    [Fact]
    public async Task A_snoozed_certificate_does_not_alert_until_the_snooze_runs_out_and_both_ends_are_audited()
    {
        var engine = await EngineWithDueCertificateAsync(azurite);
        var view = await Snoozes(engine).SnoozeAsync(engine.Org, "certificates", "web", Until(engine, 3), CancellationToken.None);
        Assert.Equal("ann@example.com", view!.Owner);

        var sent = new List<int>();
        for (var day = 0; day < 5; day++)
        {
            sent.Add(await RunDayAsync(engine));
        }

        Assert.Equal([0, 0, 0, 1, 1], sent);
        var audit = await AuditAsync(engine);
        Assert.Equal([SnoozeAudit.Snoozed, SnoozeAudit.SnoozeEnded], audit.Select(a => a.EventType));
        Assert.Equal("renewal ordered from the CA", audit[0].Details["Reason"]);
        Assert.Equal("its time ran out", audit[1].Details["Why"]);
        Assert.Empty((await Snoozes(engine).ListAsync(engine.Org, PageRequest.First, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_new_expiry_date_ends_the_snooze_and_the_certificate_alerts_again()
    {
        var engine = await EngineWithDueCertificateAsync(azurite);
        await Snoozes(engine).SnoozeAsync(engine.Org, "certificates", "web", Until(engine, 30), CancellationToken.None);
        Assert.Equal(0, await RunDayAsync(engine));

        // A renewal that still lands inside the window: the resource changed, so the silence is over.
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, engine.Clock.GetUtcNow().AddDays(20)), CancellationToken.None);

        Assert.Equal(1, await RunDayAsync(engine));
        Assert.Equal("the resource changed state", (await AuditAsync(engine)).Last().Details["Why"]);
    }

    [Fact]
    public async Task A_rotation_success_ends_the_snooze_of_a_rotation_config()
    {
        var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([EngineHarness.Integration("slack1", TestIntegrations.Slack)]);
        var failed = new RotationConfig { Id = "db", OrganizationId = engine.Org, SecretName = "db-password", Status = RotationStatus.Failed };
        await engine.Inventory.UpsertRotationConfigAsync(failed, CancellationToken.None);
        await Snoozes(engine).SnoozeAsync(engine.Org, "rotation-configs", "db", Until(engine, 30), CancellationToken.None);
        Assert.Equal(0, await RunDayAsync(engine));

        await engine.Inventory.UpsertRotationConfigAsync(failed with { Status = RotationStatus.Success }, CancellationToken.None);
        Assert.Equal(0, await RunDayAsync(engine));
        await engine.Inventory.UpsertRotationConfigAsync(failed, CancellationToken.None);

        Assert.Equal(1, await RunDayAsync(engine));
    }

    [Fact]
    public async Task Ending_a_snooze_through_the_service_lets_the_next_check_alert_and_is_audited()
    {
        var engine = await EngineWithDueCertificateAsync(azurite);
        await Snoozes(engine).SnoozeAsync(engine.Org, "certificates", "web", Until(engine, 30), CancellationToken.None);
        Assert.Single((await Snoozes(engine).ListAsync(engine.Org, PageRequest.First, CancellationToken.None)).Items);

        Assert.True(await Snoozes(engine).EndAsync(engine.Org, "certificates", "web", CancellationToken.None));
        Assert.False(await Snoozes(engine).EndAsync(engine.Org, "certificates", "web", CancellationToken.None));

        Assert.Equal(1, await RunDayAsync(engine));
        Assert.Equal("ended by the API", (await AuditAsync(engine)).Last().Details["Why"]);
    }

    [Theory]
    [InlineData(31, "reason", "owner", "until")]
    [InlineData(-1, "reason", "owner", "until")]
    [InlineData(3, "", "owner", "reason")]
    [InlineData(3, "reason", " ", "owner")]
    public async Task A_snooze_longer_than_30_days_in_the_past_or_without_a_reason_or_owner_is_refused_naming_the_field(int days, string reason, string owner, string field)
    {
        var engine = await EngineWithDueCertificateAsync(azurite);

        var error = await Assert.ThrowsAsync<ValidationException>(() => Snoozes(engine).SnoozeAsync(
            engine.Org, "certificates", "web", Until(engine, days) with { Reason = reason, Owner = owner }, CancellationToken.None));

        Assert.Equal([field], error.Errors.Select(e => e.Field));
        Assert.Empty((await Snoozes(engine).ListAsync(engine.Org, PageRequest.First, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Snoozing_an_unknown_resource_or_kind_is_refused()
    {
        var engine = await EngineWithDueCertificateAsync(azurite);

        Assert.Null(await Snoozes(engine).SnoozeAsync(engine.Org, "certificates", "nope", Until(engine, 3), CancellationToken.None));
        var kind = await Assert.ThrowsAsync<ValidationException>(() => Snoozes(engine).SnoozeAsync(engine.Org, "secrets", "web", Until(engine, 3), CancellationToken.None));
        Assert.Equal("kind", kind.Errors.Single().Field);
    }

    [Fact]
    public async Task The_weekly_report_marks_a_snoozed_certificate()
    {
        var engine = await EngineWithDueCertificateAsync(azurite);
        var until = engine.Clock.GetUtcNow().AddDays(5);
        await Snoozes(engine).SnoozeAsync(engine.Org, "certificates", "web", Until(engine, 5), CancellationToken.None);
        var states = await engine.Services.GetRequiredService<AlertStateStore>().ListAsync(engine.Org, CancellationToken.None);

        var report = await engine.Services.GetRequiredService<WeeklyReportBuilder>().BuildAsync(engine.Org, "2026-W12", engine.Clock.GetUtcNow(), states, CancellationToken.None);

        Assert.Equal(until, Assert.Single(report.Certificates).SnoozedUntil);
        Assert.Contains("snoozed until 2026-03-21", WeeklyReportTextRenderer.Render(report, TimeZoneInfo.Utc));
    }
}

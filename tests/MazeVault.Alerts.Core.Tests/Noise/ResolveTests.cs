using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Noise;

/// <summary>"Resolved" notices over the real engine on Azurite: who gets them, opt-outs, the policy switch.</summary>
public sealed class ResolveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<EngineHarness> EngineAsync(AzuriteFixture azurite, bool resolveNotifications)
    {
        var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync(
        [
            EngineHarness.Integration("slack1", TestIntegrations.Slack),
            EngineHarness.Integration("hook1", TestIntegrations.Webhook) with { NotifyResolved = false },
            EngineHarness.Integration("jira1", TestIntegrations.Jira),
        ]);
        await engine.Services.GetRequiredService<AlertPolicyService>().ReplaceAsync(
            engine.Org, new AlertPolicyInput { ResolveNotifications = resolveNotifications }, null, CancellationToken.None);
        return engine;
    }

    private static Certificate Certificate(EngineHarness engine, int daysLeft) => new()
    {
        Id = "web", OrganizationId = engine.Org, Subject = "CN=web.example.com", NotAfter = engine.Clock.GetUtcNow().AddDays(daysLeft), AutoRenewalEnabled = false,
    };

    [Fact]
    public async Task A_renewed_certificate_sends_one_resolved_notice_to_the_targets_its_alert_reached_except_those_that_opted_out()
    {
        var engine = await EngineAsync(azurite, resolveNotifications: true);
        // JIRA's alert fails: it never reached JIRA, so JIRA gets no notice either.
        engine.Channels[TestIntegrations.Jira].Respond = (_, _) => new DeliveryOutcome.Permanent("jira api error: 401");
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, 10), CancellationToken.None);
        var alerted = await engine.RunDayAsync();
        Assert.Equal([TestIntegrations.Jira, TestIntegrations.Slack, TestIntegrations.Webhook], alerted.Select(s => s.Type).Order());

        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, 365), CancellationToken.None);
        var resolved = await engine.RunDayAsync();
        var later = await engine.RunDayAsync();

        var notice = Assert.Single(resolved);
        Assert.Equal(TestIntegrations.Slack, notice.Type);
        Assert.Equal(NotificationKind.Resolved, notice.Notification.Kind);
        Assert.Equal(alerted[0].Notification.Fingerprint, notice.Notification.Fingerprint);
        Assert.StartsWith("Resolved: certificate CN=web.example.com", notice.Notification.Subject);
        Assert.Empty(later);
    }

    [Fact]
    public async Task A_failed_rotation_that_succeeds_is_resolved_and_a_later_failure_alerts_again()
    {
        var engine = await EngineAsync(azurite, resolveNotifications: true);
        var config = new RotationConfig { Id = "db", OrganizationId = engine.Org, SecretName = "db-password", Status = RotationStatus.Failed };
        await engine.Inventory.UpsertRotationConfigAsync(config, CancellationToken.None);
        Assert.Equal(3, (await engine.RunDayAsync()).Count);

        await engine.Inventory.UpsertRotationConfigAsync(config with { Status = RotationStatus.Success }, CancellationToken.None);
        var resolved = await engine.RunDayAsync();
        await engine.Inventory.UpsertRotationConfigAsync(config, CancellationToken.None);
        var again = await engine.RunDayAsync();

        Assert.Equal([TestIntegrations.Jira, TestIntegrations.Slack], resolved.Select(s => s.Type).Order());
        Assert.All(resolved, s => Assert.Equal(NotificationKind.Resolved, s.Notification.Kind));
        Assert.Equal(3, again.Count);
        Assert.All(again, s => Assert.Equal(NotificationKind.Alert, s.Notification.Kind));
    }

    [Fact]
    public async Task Without_the_policy_nothing_is_resolved_and_no_state_is_kept()
    {
        var engine = await EngineAsync(azurite, resolveNotifications: false);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, 10), CancellationToken.None);
        await engine.RunDayAsync();
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, 365), CancellationToken.None);

        Assert.Empty(await engine.RunDayAsync());
        Assert.Empty(await engine.Services.GetRequiredService<AlertStateStore>().ListAsync(engine.Org, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_certificate_is_not_resolved()
    {
        var engine = await EngineAsync(azurite, resolveNotifications: true);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, 1), CancellationToken.None);
        await engine.RunDayAsync();

        Assert.Empty(await engine.RunDayAsync());
        Assert.Empty(await engine.RunDayAsync());
    }
}

using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Routing;

/// <summary>The daily check with routes over the real engine on Azurite: per item, per digest, and resolve notices.</summary>
public sealed class RoutedDailyCheckTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Certificate Certificate(EngineHarness engine, string id, string subject, int daysLeft) => new()
    {
        Id = id, OrganizationId = engine.Org, Subject = subject, NotAfter = engine.Clock.GetUtcNow().AddDays(daysLeft), AutoRenewalEnabled = false,
    };

    /// <summary>What each message to <paramref name="type"/> was about: its subject without the expiry date.</summary>
    private static string[] Subjects(IEnumerable<(string Type, Notification Notification)> sent, string type) =>
        sent.Where(s => s.Type == type).Select(s => s.Notification.Subject.Split(" expiring on ")[0]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Each_item_goes_to_the_integrations_whose_route_takes_it()
    {
        await using var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync(
        [
            EngineHarness.Integration("slack1", TestIntegrations.Slack) with { Route = TestRoutes.Of(include: ["*.prod.example.com"]) },
            EngineHarness.Integration("hook1", TestIntegrations.Webhook) with { Route = TestRoutes.Of(minSeverity: "high") },
            EngineHarness.Integration("jira1", TestIntegrations.Jira) with { Route = TestRoutes.Of(kinds: ["rotation_failure"]) },
            EngineHarness.Integration("mail1", TestIntegrations.Email),
        ]);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "web", "CN=web.prod.example.com", daysLeft: 20), CancellationToken.None);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "api", "CN=api.test.example.com", daysLeft: 5), CancellationToken.None);
        await engine.Inventory.UpsertRotationConfigAsync(
            new RotationConfig { Id = "db", OrganizationId = engine.Org, SecretName = "db-password", Status = RotationStatus.Failed }, CancellationToken.None);

        var sent = await engine.RunDayAsync();

        Assert.Equal(["Certificate CN=web.prod.example.com"], Subjects(sent, TestIntegrations.Slack));
        Assert.Equal(["Certificate CN=api.test.example.com", "Secret rotation failed: db-password"], Subjects(sent, TestIntegrations.Webhook));
        Assert.Equal(["Secret rotation failed: db-password"], Subjects(sent, TestIntegrations.Jira));
        Assert.Equal(3, Subjects(sent, TestIntegrations.Email).Length);
        // The history shows only what was sent: no row for a target the route kept out.
        Assert.Equal(7, (await engine.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task Digest_targets_with_different_routes_get_a_digest_each_of_what_their_route_takes()
    {
        await using var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync(
        [
            EngineHarness.Integration("slack1", TestIntegrations.Slack) with { Digest = true, Route = TestRoutes.Of(include: ["*.prod.example.com"]) },
            EngineHarness.Integration("teams1", TestIntegrations.Teams) with { Digest = true },
            EngineHarness.Integration("mail1", TestIntegrations.Email) with { Digest = true, Route = TestRoutes.Of(kinds: ["incident"]) },
        ]);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "web", "CN=web.prod.example.com", daysLeft: 20), CancellationToken.None);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "api", "CN=api.test.example.com", daysLeft: 5), CancellationToken.None);

        var sent = await engine.RunDayAsync();

        var slack = Assert.Single(sent, s => s.Type == TestIntegrations.Slack).Notification;
        var teams = Assert.Single(sent, s => s.Type == TestIntegrations.Teams).Notification;
        Assert.DoesNotContain(sent, s => s.Type == TestIntegrations.Email);
        Assert.Contains("web.prod.example.com", slack.Message);
        Assert.DoesNotContain("api.test.example.com", slack.Message);
        Assert.StartsWith("Daily check: 1 certificate(s)", slack.Subject);
        Assert.StartsWith("Daily check: 2 certificate(s)", teams.Subject);
        Assert.NotEqual(slack.Fingerprint, teams.Fingerprint);
    }

    [Fact]
    public async Task A_resolve_notice_goes_only_where_the_alert_went_even_after_a_route_change()
    {
        await using var engine = EngineHarness.Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync(
        [
            EngineHarness.Integration("slack1", TestIntegrations.Slack),
            EngineHarness.Integration("hook1", TestIntegrations.Webhook) with { Route = TestRoutes.Of(exclude: ["CN=web.*"]) },
            EngineHarness.Integration("jira1", TestIntegrations.Jira) with { Route = TestRoutes.Of(kinds: ["certificate_expiry"]) },
        ]);
        await engine.Services.GetRequiredService<AlertPolicyService>().ReplaceAsync(
            engine.Org, new AlertPolicyInput { ResolveNotifications = true }, null, CancellationToken.None);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "web", "CN=web.example.com", daysLeft: 10), CancellationToken.None);
        var alerted = await engine.RunDayAsync();
        Assert.Equal([TestIntegrations.Jira, TestIntegrations.Slack], alerted.Select(s => s.Type).Order());

        // The webhook now takes everything, but it never got the alert; JIRA got it but takes no resolved notices.
        var hook = (await engine.Integrations.GetAsync(engine.Org, "hook1", CancellationToken.None))!;
        await engine.Integrations.UpdateAsync(hook with { Route = Core.Routing.AlertRoute.Everything }, CancellationToken.None);
        await engine.Inventory.UpsertCertificateAsync(Certificate(engine, "web", "CN=web.example.com", daysLeft: 365), CancellationToken.None);
        var resolved = await engine.RunDayAsync();

        var notice = Assert.Single(resolved);
        Assert.Equal(TestIntegrations.Slack, notice.Type);
        Assert.Equal(NotificationKind.Resolved, notice.Notification.Kind);
    }
}

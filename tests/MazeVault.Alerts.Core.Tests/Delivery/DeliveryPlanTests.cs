using Microsoft.Extensions.Time.Testing;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using Microsoft.Extensions.Options;
using Moq;

namespace MazeVault.Alerts.Core.Tests.Delivery;

public sealed partial class DeliveryPlanTests
{
    private readonly Mock<IIntegrationStore> _integrations = new();
    private readonly Mock<IIncidentContactStore> _contacts = new();
    private readonly Mock<IInventoryStore> _inventory = new();
    private readonly Mock<IWeeklyReportSettingsStore> _weeklyReportSettings = new();

    private DeliveryPlan Plan(string? adminEmail = null, string? teamsWebhook = null) => new(
        _integrations.Object, _contacts.Object, _inventory.Object, _weeklyReportSettings.Object, TestIntegrations.Catalog(),
        Options.Create(new LegacyRecipientsOptions { AdminEmail = adminEmail, TeamsWebhookUrl = teamsWebhook }),
        Options.Create(new DeliveryOptions { TargetCacheSeconds = 30 }), _clock);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero));

    internal static Integration Integration(string id, string type, bool active = true, string category = Core.Integrations.Integration.NotificationCategory) =>
        TestIntegrations.Of(id, type, type == TestIntegrations.Slack ? TestIntegrations.SlackSettings("https://hooks.slack.invalid/secret") : TestIntegrations.DefaultSettings(type))
            with { Active = active, Category = category };

    private static IReadOnlyList<string> Recipients(Integration integration) => ((EmailSettings)integration.Settings).Recipients;

    private void Setup(IEnumerable<Integration> integrations, IEnumerable<IncidentContact> contacts)
    {
        _integrations.Setup(s => s.ListAsync("org", It.IsAny<CancellationToken>())).Returns(integrations.ToAsyncEnumerable());
        _contacts.Setup(s => s.ListByPriorityAsync("org", It.IsAny<CancellationToken>())).ReturnsAsync(contacts.ToList());
    }

    [Fact]
    public async Task Plan_lists_legacy_recipients_then_contacts_by_priority_then_integrations_jira_teams_slack_webhook_email()
    {
        Setup(
            [
                Integration("e", TestIntegrations.Email), Integration("w", TestIntegrations.Webhook), Integration("s", TestIntegrations.Slack),
                Integration("t", TestIntegrations.Teams), Integration("j", TestIntegrations.Jira),
            ],
            [
                new IncidentContact { Id = "second", OrganizationId = "org", Name = "B", Email = "b@example.com", Priority = 2 },
                new IncidentContact { Id = "first", OrganizationId = "org", Name = "A", Email = "a@example.com", Priority = 1 },
            ]);

        var targets = await Plan("admin@example.com", "https://teams.invalid/workflow?sig=secret").ForOrganizationAsync("org", CancellationToken.None);

        Assert.Equal(
            ["legacy:admin-email", "legacy:teams-webhook", "contact:first", "contact:second",
             "integration:j", "integration:t", "integration:s", "integration:w", "integration:e"],
            targets.Select(t => t.Ref));
        Assert.Equal(["admin@example.com"], Recipients(targets[0].Integration));
        Assert.Equal(TestIntegrations.Teams, targets[1].Integration.Type);
        Assert.Equal("https://teams.invalid/workflow?sig=secret", TestIntegrations.SecretValue(targets[1].Integration, "teamsWebhookUrl"));
        Assert.Equal(TestIntegrations.Email, targets[2].Integration.Type);
        Assert.Equal(["a@example.com"], Recipients(targets[2].Integration));
    }

    [Fact]
    public async Task Plan_skips_inactive_integrations_and_other_categories_and_unset_legacy_variables()
    {
        Setup(
            [Integration("off", TestIntegrations.Slack, active: false), Integration("other", TestIntegrations.Webhook, category: "siem"), Integration("on", TestIntegrations.Slack)],
            []);

        var targets = await Plan(adminEmail: " ", teamsWebhook: "").ForOrganizationAsync("org", CancellationToken.None);

        Assert.Equal(["integration:on"], targets.Select(t => t.Ref));
    }

    [Fact]
    public async Task Queue_references_resolve_back_to_the_current_target_and_refs_carry_no_secret()
    {
        Setup([Integration("s", TestIntegrations.Slack)], []);
        _integrations.Setup(s => s.GetAsync("org", "s", It.IsAny<CancellationToken>())).ReturnsAsync(Integration("s", TestIntegrations.Slack));
        _integrations.Setup(s => s.GetAsync("org", "gone", It.IsAny<CancellationToken>())).ReturnsAsync((Integration?)null);
        _inventory.Setup(s => s.GetRotationConfigAsync("org", "r1", It.IsAny<CancellationToken>())).ReturnsAsync(
            new RotationConfig { Id = "r1", OrganizationId = "org", SecretName = "db", NotificationEmails = ["owner@example.com"] });
        var plan = Plan("admin@example.com", "https://teams.invalid/workflow?sig=secret");

        var targets = await plan.ForOrganizationAsync("org", CancellationToken.None);
        Assert.All(targets, t => Assert.DoesNotContain("secret", t.Ref));

        Assert.Equal("https://hooks.slack.invalid/secret", TestIntegrations.SecretValue((await plan.ResolveAsync("org", "integration:s", CancellationToken.None))!, "slackWebhookUrl"));
        Assert.Null(await plan.ResolveAsync("org", "integration:gone", CancellationToken.None));
        Assert.Equal(["admin@example.com"], Recipients((await plan.ResolveAsync("org", "legacy:admin-email", CancellationToken.None))!));
        Assert.Equal(["owner@example.com"], Recipients((await plan.ResolveAsync("org", "rotation:r1", CancellationToken.None))!));
        Assert.Null(await plan.ResolveAsync("org", "something:else", CancellationToken.None));
    }

    [Fact]
    public async Task A_recently_resolved_target_is_read_once_within_the_cache_age_and_again_after_it()
    {
        var slack = Integration("slack1", TestIntegrations.Slack);
        _integrations.Setup(s => s.GetAsync("org1", "slack1", It.IsAny<CancellationToken>())).ReturnsAsync(slack);
        var plan = Plan();

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => plan.ResolveRecentAsync("org1", "integration:slack1", CancellationToken.None)));
        _clock.Advance(TimeSpan.FromSeconds(29));
        await plan.ResolveRecentAsync("org1", "integration:slack1", CancellationToken.None);
        _integrations.Verify(s => s.GetAsync("org1", "slack1", It.IsAny<CancellationToken>()), Times.Once);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await plan.ResolveRecentAsync("org1", "integration:slack1", CancellationToken.None);

        Assert.All(reads, r => Assert.Same(slack, r));
        _integrations.Verify(s => s.GetAsync("org1", "slack1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_target_that_is_gone_is_not_remembered()
    {
        _integrations.SetupSequence(s => s.GetAsync("org1", "slack1", It.IsAny<CancellationToken>()))
            .ReturnsAsync((Integration?)null)
            .ReturnsAsync(Integration("slack1", TestIntegrations.Slack));
        var plan = Plan();

        Assert.Null(await plan.ResolveRecentAsync("org1", "integration:slack1", CancellationToken.None));
        Assert.NotNull(await plan.ResolveRecentAsync("org1", "integration:slack1", CancellationToken.None));
    }
}

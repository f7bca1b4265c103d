using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using Microsoft.Extensions.Options;
using Moq;

namespace MazeVault.Alerts.Core.Tests.Delivery;

public sealed class DeliveryPlanTests
{
    private readonly Mock<IIntegrationStore> _integrations = new();
    private readonly Mock<IIncidentContactStore> _contacts = new();
    private readonly Mock<IInventoryStore> _inventory = new();
    private readonly Mock<IWeeklyReportSettingsStore> _weeklyReportSettings = new();

    private DeliveryPlan Plan(string? adminEmail = null, string? teamsWebhook = null) => new(
        _integrations.Object, _contacts.Object, _inventory.Object, _weeklyReportSettings.Object, TestIntegrations.Catalog(),
        Options.Create(new LegacyRecipientsOptions { AdminEmail = adminEmail, TeamsWebhookUrl = teamsWebhook }));

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
}

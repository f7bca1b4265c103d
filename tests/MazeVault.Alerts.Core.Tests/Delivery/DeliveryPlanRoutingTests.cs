using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Routing;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>The plan with routes: which targets take one alert, and explain's answer, which is the same decision.</summary>
public sealed partial class DeliveryPlanTests
{
    private void SetupRouted() => Setup(
        [
            Integration("jira", TestIntegrations.Jira) with { Route = TestRoutes.Of(kinds: ["incident"], minSeverity: "high", include: ["prod-*"]) },
            Integration("slack", TestIntegrations.Slack) with { Route = TestRoutes.Of(kinds: ["certificate_expiry", "resolved"]) },
            Integration("hook", TestIntegrations.Webhook) with { Route = TestRoutes.Of(exclude: ["*-test"]), NotifyResolved = false },
            Integration("mail", TestIntegrations.Email),
            Integration("off", TestIntegrations.Teams, active: false),
            Integration("siem", TestIntegrations.Webhook, category: "siem"),
        ],
        [new IncidentContact { Id = "c1", OrganizationId = "org", Name = "A", Email = "a@example.com", Priority = 1 }]);

    public static TheoryData<AlertKind, NotificationSeverity, string, string[]> RoutedAlerts() => new()
    {
        { AlertKind.Incident, NotificationSeverity.High, "prod-db", ["legacy:admin-email", "contact:c1", "integration:jira", "integration:hook", "integration:mail"] },
        { AlertKind.Incident, NotificationSeverity.Warning, "prod-db", ["legacy:admin-email", "contact:c1", "integration:hook", "integration:mail"] },
        { AlertKind.Incident, NotificationSeverity.Critical, "PROD-test", ["legacy:admin-email", "contact:c1", "integration:jira", "integration:mail"] },
        { AlertKind.CertificateExpiry, NotificationSeverity.High, "CN=prod-web", ["legacy:admin-email", "contact:c1", "integration:slack", "integration:hook", "integration:mail"] },
        { AlertKind.RotationFailure, NotificationSeverity.High, "db-test", ["legacy:admin-email", "contact:c1", "integration:mail"] },
        { AlertKind.Resolved, NotificationSeverity.Info, "prod-db", ["legacy:admin-email", "contact:c1", "integration:slack", "integration:mail"] },
    };

    [Theory]
    [MemberData(nameof(RoutedAlerts))]
    public async Task An_alert_goes_to_the_legacy_recipients_contacts_and_the_integrations_whose_route_takes_it_in_delivery_order(
        AlertKind kind, NotificationSeverity severity, string resource, string[] expected)
    {
        SetupRouted();
        var plan = Plan("admin@example.com");
        var alert = new AlertTraits(kind, severity, resource);

        var planned = await plan.ForAlertAsync("org", alert, CancellationToken.None);
        var explained = await plan.ExplainAsync("org", alert, CancellationToken.None);

        Assert.Equal(expected, planned.Select(t => t.Ref));
        Assert.Equal(
            ["legacy:admin-email", "contact:c1", "integration:jira", "integration:off", "integration:slack", "integration:hook", "integration:mail"],
            explained.Select(d => d.Target));
        Assert.Equal(expected, explained.Where(d => d.Receives).Select(d => d.Target));
        Assert.All(explained, d => Assert.Equal(d.Receives, d.ExcludedBy is null));
    }

    [Fact]
    public async Task Explain_names_the_rule_that_keeps_each_target_out()
    {
        SetupRouted();

        var explained = (await Plan().ExplainAsync("org", new AlertTraits(AlertKind.Resolved, NotificationSeverity.Info, "prod-test"), CancellationToken.None))
            .ToDictionary(d => d.Target);

        Assert.Equal("route.kinds", explained["integration:jira"].ExcludedBy);
        Assert.Equal("inactive", explained["integration:off"].ExcludedBy);
        Assert.Equal("notifyResolved", explained["integration:hook"].ExcludedBy);
        Assert.True(explained["integration:slack"].Receives);
        Assert.Equal("Slack", explained["integration:slack"].Channel);
        Assert.Equal("A", explained["contact:c1"].TargetName);
        Assert.False(explained.ContainsKey("integration:siem"));
    }

    [Fact]
    public async Task Without_routes_every_alert_is_planned_to_every_target_as_before()
    {
        Setup([Integration("j", TestIntegrations.Jira), Integration("s", TestIntegrations.Slack), Integration("off", TestIntegrations.Slack, active: false)], []);
        var plan = Plan("admin@example.com", "https://teams.invalid/workflow");
        var everyone = (await plan.ForOrganizationAsync("org", CancellationToken.None)).Select(t => t.Ref).ToList();

        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            foreach (var severity in Enum.GetValues<NotificationSeverity>())
            {
                var alert = new AlertTraits(kind, severity, "any-ресурс");
                Assert.Equal(everyone, (await plan.ForAlertAsync("org", alert, CancellationToken.None)).Select(t => t.Ref));
            }
        }
    }
}

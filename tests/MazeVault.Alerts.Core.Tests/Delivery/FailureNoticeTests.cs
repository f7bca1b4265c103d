using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>A delivery that ends failed is not silent: the organization's fallback recipients hear of it, once.</summary>
public sealed class FailureNoticeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_failed_delivery_sends_one_notice_per_alert_to_admin_email_and_the_contacts_naming_channel_and_reason()
    {
        await using var engine = Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null);
        await engine.ConfigureAsync([Integration("jira1", TestIntegrations.Jira), Integration("slack1", TestIntegrations.Slack)], [Contact("ann", 1)]);
        engine.Channels[TestIntegrations.Jira].Respond = (_, _) => new DeliveryOutcome.Permanent("jira api error: 401 Unauthorized");
        engine.Channels[TestIntegrations.Slack].Respond = (_, _) => new DeliveryOutcome.Permanent("slack webhook error: invalid_token");

        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        // The incident went to admin, ann, jira and slack; jira and slack failed: one notice to admin and ann, not two.
        var notices = engine.Sent.Where(s => s.Notification.Subject.StartsWith("Alert not delivered to", StringComparison.Ordinal)).ToList();
        Assert.Equal(["admin@example.com", "ann@example.com"], notices.Select(n => ((EmailSettings)n.Target.Settings).Recipients.Single()).Order());
        var notice = notices[0].Notification;
        Assert.Contains("Security incident", notice.Subject);
        Assert.Contains(notice.Facts, f => f.Name == "Channel" && f.Value is "JIRA" or "Slack");
        Assert.Contains(notice.Facts, f => f.Name == "Reason" && f.Value is "jira api error: 401 Unauthorized" or "slack webhook error: invalid_token");
        Assert.Contains(notice.Facts, f => f.Name == "Incident" && f.Value == accepted.IncidentId);
        Assert.DoesNotContain("slack-secret", notice.Message);
        Assert.Equal(NotificationSeverity.High, notice.Severity);
    }

    [Fact]
    public async Task A_notice_that_fails_raises_no_further_notice()
    {
        await using var engine = Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Respond = (_, _) => new DeliveryOutcome.Permanent("slack webhook error: invalid_token");
        // Email fails too: the admin's copy of the incident, and the notice about Slack.
        engine.Channels[TestIntegrations.Email].Respond = (_, _) => new DeliveryOutcome.Permanent("smtp error: 550 (MailboxUnavailable)");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = await engine.DeliveriesAsync();
        // Incident: admin (failed) + slack (failed) -> one notice to admin (failed) -> nothing more.
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Failed, d.Status));
        Assert.Single(engine.Sent, s => s.Notification.Subject.StartsWith("Alert not delivered to", StringComparison.Ordinal));
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task Without_admin_email_or_contacts_a_failure_is_recorded_and_nothing_else_is_sent()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Respond = (_, _) => new DeliveryOutcome.Permanent("slack webhook error: invalid_token");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Single(await engine.DeliveriesAsync());
        Assert.Single(engine.Sent);
    }
}

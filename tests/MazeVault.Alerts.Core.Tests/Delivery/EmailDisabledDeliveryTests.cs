using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using Microsoft.Extensions.Logging;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>
/// "Neither configured → Email notifications disabled": a deployment without an email transport records its email
/// deliveries skipped, and nothing about them pages anyone (no failure notice, no failure line, no retry).
/// </summary>
public sealed class EmailDisabledDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_no_email_transport_every_email_target_is_skipped_once_with_no_notice_failure_line_or_retry()
    {
        // Settings switch the harness to the product's real channels; none configures O365 or SMTP, so email is disabled.
        await using var engine = Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null, realChannelSettings: new Dictionary<string, string?>());
        await engine.ConfigureAsync([Integration("mail1", TestIntegrations.Email)], [Contact("ann", 1)]);

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = await engine.DeliveriesAsync();
        // ADMIN_EMAIL, the contact and the Email integration: no failure notice was dispatched beside them.
        Assert.Equal(["contact:ann", "integration:mail1", "legacy:admin-email"], deliveries.Select(d => d.Target).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Skipped, d.Status);
            Assert.Equal(DisabledEmailTransport.SkipReason, d.Detail);
            Assert.Equal("email notifications are disabled", d.Detail);
            Assert.Null(d.LastError);
            Assert.Equal(1, d.Attempt);
            Assert.Null(d.NextAttemptAt);
            Assert.Equal("skipped", Assert.Single(d.Attempts).Outcome);
        });
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
        Assert.Equal(3, (await engine.DeliveriesAsync(new DeliveryQuery(Status: DeliveryStatus.Skipped))).Count);
        Assert.DoesNotContain(engine.Logs.GetSnapshot(), l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_skipped_delivery_is_final_and_a_redelivered_message_sends_nothing()
    {
        await using var engine = Create(azurite, adminEmail: "admin@example.com", teamsWebhook: null, realChannelSettings: new Dictionary<string, string?>());

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();
        var skipped = Assert.Single(await engine.DeliveriesAsync());

        Assert.Equal(ProcessResult.Duplicate, await engine.Processor.ProcessAsync(skipped.Envelope(1), CancellationToken.None));
        Assert.Equal(skipped.ETag, Assert.Single(await engine.DeliveriesAsync()).ETag);
    }
}

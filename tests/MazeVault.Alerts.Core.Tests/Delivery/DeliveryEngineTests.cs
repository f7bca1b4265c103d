using System.Diagnostics;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>Fan-out, retries and exactly-once delivery on a real Azurite (ledger, alerts, queue), with recording channels.</summary>
public sealed class DeliveryEngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Integration[] AllIntegrations =
    [
        Integration("email1", TestIntegrations.Email), Integration("hook1", TestIntegrations.Webhook),
        Integration("slack1", TestIntegrations.Slack), Integration("teams1", TestIntegrations.Teams), Integration("jira1", TestIntegrations.Jira),
    ];

    [Fact]
    public async Task Incident_fans_out_to_legacy_recipients_contacts_and_every_integration_in_plan_order()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync([.. AllIntegrations, Integration("off", TestIntegrations.Slack) with { Active = false }], [Contact("bob", 2), Contact("ann", 1)]);

        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        Assert.Equal(9, accepted.DeliveriesQueued);
        Assert.Equal(9, await engine.DrainAsync());

        Assert.Equal(
            [
                "email:legacy:admin-email", "teams:legacy:teams-webhook", "email:contact:ann", "email:contact:bob",
                "jira:jira1", "teams:teams1", "slack:slack1", "webhook:hook1", "email:email1",
            ],
            engine.Sent.Select(s => $"{s.Type}:{s.Target.Id}"));
        Assert.All(engine.Sent, s => Assert.Contains("prod-db-password", s.Notification.Message));
        Assert.Equal(["ann@example.com"], ((EmailSettings)engine.Sent.ElementAt(2).Target.Settings).Recipients);
        Assert.All(await engine.DeliveriesAsync(new DeliveryQuery(IncidentId: accepted.IncidentId)), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }

    [Fact]
    public async Task Queue_messages_carry_ids_only_never_a_secret_an_address_or_a_body()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync(AllIntegrations, [Contact("ann", 1)]);

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var messages = (await engine.Queue.ReceiveMessagesAsync(32)).Value;

        Assert.Equal(8, messages.Length);
        foreach (var text in messages.Select(m => m.MessageText))
        {
            Assert.True(text.Length < 512, text);
            foreach (var forbidden in new[] { "secret", "@example.com", "https://", "prod-db-password" })
            {
                Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task One_vendor_returning_500_still_lets_every_other_target_deliver()
    {
        await using var engine = Create(azurite);
        await engine.ConfigureAsync(AllIntegrations, [Contact("ann", 1)]);
        engine.Channels[TestIntegrations.Slack].Respond = (_, _) => new DeliveryOutcome.Retryable("slack webhook failed with status: 500");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var deliveries = await engine.DeliveriesAsync();
        var slack = Assert.Single(deliveries, d => d.Target == "integration:slack1");
        Assert.Equal(DeliveryStatus.Retrying, slack.Status);
        Assert.Equal(2, slack.Attempt);
        Assert.Equal("slack webhook failed with status: 500", slack.LastError);
        Assert.All(deliveries.Where(d => d != slack), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Equal(8, engine.Sent.Count);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task Retryable_429_with_Retry_After_is_retried_no_sooner_than_the_vendor_asked()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.FromMilliseconds(500));
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var retryAfter = TimeSpan.FromSeconds(3);
        engine.Channels[TestIntegrations.Slack].Respond = (_, n) =>
            n == 1 ? new DeliveryOutcome.Retryable("slack webhook failed with status: 429", retryAfter) : new DeliveryOutcome.Delivered();

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();
        var stopwatch = Stopwatch.StartNew();

        var retrying = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Retrying, retrying.Status);
        Assert.Equal(engine.Clock.GetUtcNow() + retryAfter, retrying.NextAttemptAt);
        Assert.Equal(1, await engine.QueuedMessageCountAsync());

        // Past our own backoff but before Retry-After: the retry must still be invisible.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await engine.DrainAsync());
        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);

        while (await engine.DrainAsync() == 0)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), "the retry never became visible");
            await Task.Delay(200);
        }

        Assert.True(stopwatch.Elapsed >= retryAfter - TimeSpan.FromMilliseconds(200), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(2, engine.Channels[TestIntegrations.Slack].Calls);
        var delivered = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.Attempt);
    }

    [Fact]
    public async Task Permanent_401_is_recorded_failed_and_not_retried()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("abc123", TestIntegrations.Jira), Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Jira].Respond = (_, _) => new DeliveryOutcome.Permanent("jira api error: 401");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(1, engine.Channels[TestIntegrations.Jira].Calls);
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
        var jira = Assert.Single(await engine.DeliveriesAsync(new DeliveryQuery(Status: DeliveryStatus.Failed)));
        Assert.Equal("integration:abc123", jira.Target);
        Assert.Equal("jira api error: 401", jira.LastError);
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message == "[IncidentService] Failed to send JIRA notification (integration=abc123): jira api error: 401");
        // One line for the delivery's end, which the failed-deliveries alert rule counts; the delivered Slack one has none.
        Assert.Single(engine.Logs.GetSnapshot(), r => r.Message.Contains("was recorded failed", StringComparison.Ordinal));
        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && r.Message == $"[IncidentService] Delivery {jira.DeliveryId} to JIRA (integration=abc123) was recorded failed after 1 attempt(s)");
    }

    [Fact]
    public async Task Incident_delivery_failures_are_logged_with_the_incident_service_prefix_in_the_spec_wording()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("def456", TestIntegrations.Teams)]);
        engine.Channels[TestIntegrations.Teams].Respond = (_, _) => new DeliveryOutcome.Permanent("teams webhook failed with status: 410");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Contains(engine.Logs.GetSnapshot(), r => r.Message == "[IncidentService] Failed to send Teams notification (integration=def456): teams webhook failed with status: 410");
    }

    [Fact]
    public async Task Retryable_failures_stop_after_the_configured_attempts_and_are_recorded_failed()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, maxAttempts: 3, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("hook1", TestIntegrations.Webhook)]);
        engine.Channels[TestIntegrations.Webhook].Respond = (_, _) => new DeliveryOutcome.Retryable("webhook failed with status: 503");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        Assert.Equal(3, engine.Channels[TestIntegrations.Webhook].Calls);
        var failed = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.Equal("webhook failed with status: 503 (gave up after 3 attempts)", failed.LastError);
        Assert.Equal(0, await engine.QueuedMessageCountAsync());
    }

    [Fact]
    public async Task The_same_queue_message_handled_twice_sends_once()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var message = Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value);
        var envelope = DeliveryEnvelope.Parse(message.MessageText);

        Assert.Equal(ProcessResult.Delivered, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        Assert.Equal(ProcessResult.Duplicate, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));

        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
    }

    [Fact]
    public async Task The_same_queue_message_handled_concurrently_sends_once()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Delay = TimeSpan.FromMilliseconds(300);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var envelope = DeliveryEnvelope.Parse(Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value).MessageText);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => engine.Processor.ProcessAsync(envelope, CancellationToken.None)));

        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
        Assert.Single(results, r => r == ProcessResult.Delivered);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await engine.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task A_crash_between_send_and_ledger_write_resends_at_most_once_and_only_after_the_lease()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var envelope = DeliveryEnvelope.Parse(Assert.Single((await engine.Queue.ReceiveMessagesAsync(32)).Value).MessageText);

        // A handler claimed the delivery, sent it, and died before recording: the row is left "sending" under its lease.
        var row = Assert.Single(await engine.DeliveriesAsync());
        var now = engine.Clock.GetUtcNow();
        Assert.NotNull(await engine.Ledger.TryUpdateAsync(row with { Status = DeliveryStatus.Sending, LeaseUntil = now.AddMinutes(5) }, CancellationToken.None));

        // The queue redelivers the message within the lease: nothing is sent, a copy comes back when the lease ends.
        Assert.Equal(ProcessResult.Deferred, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        Assert.Equal(0, engine.Channels[TestIntegrations.Slack].Calls);
        Assert.Equal(2, await engine.QueuedMessageCountAsync());

        engine.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ProcessResult.Delivered, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        Assert.Equal(ProcessResult.Duplicate, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
    }

    [Fact]
    public async Task A_retry_whose_message_was_lost_in_a_crash_is_queued_again_when_the_original_returns()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Respond = (_, n) =>
            n == 1 ? new DeliveryOutcome.Retryable("slack webhook failed with status: 500") : new DeliveryOutcome.Delivered();
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var original = Assert.Single((await engine.Queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value);
        var envelope = DeliveryEnvelope.Parse(original.MessageText);

        Assert.Equal(ProcessResult.RetryQueued, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        // Crash: the retry message never made it, and the original was not deleted.
        await engine.Queue.ClearMessagesAsync();

        Assert.Equal(ProcessResult.Healed, await engine.Processor.ProcessAsync(envelope, CancellationToken.None));
        Assert.Equal(1, await engine.DrainAsync());

        Assert.Equal(2, engine.Channels[TestIntegrations.Slack].Calls);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(await engine.DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task A_poisoned_message_is_recorded_failed_and_a_delivered_one_stays_delivered()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack), Integration("hook1", TestIntegrations.Webhook)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        var envelopes = (await engine.Queue.ReceiveMessagesAsync(32)).Value.Select(m => DeliveryEnvelope.Parse(m.MessageText)).ToList();
        var slack = envelopes.Single(e => e.Target == "integration:slack1");
        var hook = envelopes.Single(e => e.Target == "integration:hook1");
        await engine.Processor.ProcessAsync(hook, CancellationToken.None);

        await engine.Processor.RecordPoisonAsync(slack, CancellationToken.None);
        await engine.Processor.RecordPoisonAsync(hook, CancellationToken.None);

        var deliveries = await engine.DeliveriesAsync();
        var poisoned = deliveries.Single(d => d.Target == "integration:slack1");
        Assert.Equal(DeliveryStatus.Failed, poisoned.Status);
        Assert.Contains("poison queue", poisoned.LastError);
        Assert.Equal(DeliveryStatus.Delivered, deliveries.Single(d => d.Target == "integration:hook1").Status);
    }

    [Fact]
    public async Task A_channel_that_throws_is_retried_without_quoting_the_exception_message()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        engine.Channels[TestIntegrations.Slack].Respond = (t, _) => throw new HttpRequestException("failed to reach https://hooks.slack.invalid/services/slack-secret");

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var row = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Retrying, row.Status);
        Assert.Equal("channel error: HttpRequestException", row.LastError);
        Assert.DoesNotContain(engine.Logs.GetSnapshot(), r => r.Message.Contains("slack-secret"));
    }

    [Fact]
    public async Task A_delivery_to_an_integration_deleted_after_dispatch_fails_without_sending()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.Integrations.DeleteAsync(engine.Org, "slack1", null, CancellationToken.None);

        await engine.DrainAsync();

        Assert.Equal(0, engine.Channels[TestIntegrations.Slack].Calls);
        Assert.Equal("the target is no longer configured or not active", Assert.Single(await engine.DeliveriesAsync()).LastError);
    }
}

using System.Diagnostics;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

internal static class FanOut
{
    /// <summary>(2) DeliveryQueue.EnqueueAsync vs bare SendMessageAsync of the same bodies at the same concurrency.</summary>
    public static async Task MeasureEnqueueAsync(AzuriteFixture azurite, BenchSettings settings, Results results)
    {
        // Queues of their own, deleted afterwards: tens of thousands of messages would slow Azurite for the other figures.
        const string fanOutQueue = "bench-fanout";
        await using var services = BenchServices.Build(azurite.ConnectionString, fanOutQueue);
        var queue = services.GetRequiredService<DeliveryQueue>();
        var bare = azurite.CreateQueueClient("bench-bare");
        await bare.CreateIfNotExistsAsync();
        var envelopes = Enumerable.Range(0, settings.Deliveries)
            .Select(i => new DeliveryEnvelope("bench-org-1", $"certificate-expiry-20260316-{i:x24}", $"d-{i:x24}", $"integration:target-{i % 8}", 1))
            .ToList();
        var bodies = envelopes.Select(e => e.ToJson()).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency };

        // Warm both paths (connections, queue creation) before timing.
        await queue.EnqueueAsync(envelopes[0], TimeSpan.Zero, CancellationToken.None);
        await bare.SendMessageAsync(bodies[0]);

        var bareTimes = new List<TimeSpan>();
        var oursTimes = new List<TimeSpan>();
        for (var repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            Func<Task> runBare = async () => bareTimes.Add(await TimeAsync(() =>
                Parallel.ForEachAsync(bodies, parallel, async (body, ct) => await bare.SendMessageAsync(body, ct))));
            Func<Task> runOurs = async () => oursTimes.Add(await TimeAsync(() =>
                Parallel.ForEachAsync(envelopes, parallel, async (envelope, ct) => await queue.EnqueueAsync(envelope, TimeSpan.Zero, ct))));
            foreach (var run in repetition % 2 == 0 ? new[] { runBare, runOurs } : [runOurs, runBare])
            {
                await run();
            }
        }

        var bareRate = settings.Deliveries / Median(bareTimes).TotalSeconds;
        var oursRate = settings.Deliveries / Median(oursTimes).TotalSeconds;

        // For context: the whole dispatch (alert row, ledger rows in one transaction, then the messages) of 8-target alerts.
        var dispatcher = services.GetRequiredService<DeliveryDispatcher>();
        var targets = Enumerable.Range(0, 8).Select(i => new DeliveryTarget($"integration:t{i}", new Integration { Id = $"t{i}", OrganizationId = "bench-org-1", Type = WebhookChannel.Type, Name = $"t{i}", Settings = new WebhookSettings() })).ToList();
        var alerts = Enumerable.Range(0, settings.Deliveries / targets.Count).Select(i => Alert(i, DateTimeOffset.UtcNow)).ToList();
        var dispatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(alerts, parallel, async (alert, ct) => await dispatcher.DispatchAsync(alert, targets, ct));
        var dispatchRate = alerts.Count * targets.Count / dispatch.Elapsed.TotalSeconds;

        Console.WriteLine($"(2) Fan-out enqueue, {settings.Deliveries:N0} messages at concurrency {settings.Concurrency} (median of {settings.Repetitions})");
        Console.WriteLine("| Path | Messages/s | Ratio to bare (target >= 0.9) |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| Bare QueueClient.SendMessageAsync | {bareRate:N0} | 1.00 |");
        Console.WriteLine($"| DeliveryQueue.EnqueueAsync (envelope serialisation + send) | {oursRate:N0} | {oursRate / bareRate:F2} |");
        Console.WriteLine($"| Whole DeliveryDispatcher.DispatchAsync (alert + ledger + enqueue), 8 targets per alert | {dispatchRate:N0} | {dispatchRate / bareRate:F2} |");

        results.Add("dispatch_vs_bare", dispatchRate / bareRate);
        await bare.DeleteAsync();
        await azurite.CreateQueueClient(fanOutQueue).DeleteAsync();
    }

    /// <summary>(3) Requests per delivery: dispatch of alerts to eight targets, then handling each message as the queue trigger does.</summary>
    public static async Task MeasureTransactionsAsync(ServiceProvider services, BenchSettings settings, Results results)
    {
        const string organization = "bench-tx";
        var integrations = services.GetRequiredService<IIntegrationStore>();
        foreach (var registration in services.GetRequiredService<ChannelCatalog>().All)
        {
            // Empty settings (the email channel's recipient aside): the accepting channels read none of them.
            var channelSettings = registration.Type == EmailChannel.Type
                ? new EmailSettings { EmailRecipients = ["ops@example.com"] }
                : (ChannelSettings)Activator.CreateInstance(registration.SettingsType)!;
            await integrations.CreateAsync(new Integration
            {
                Id = registration.Type, OrganizationId = organization, Type = registration.Type, Name = registration.DisplayName, Settings = channelSettings,
            }, CancellationToken.None);
        }

        await services.GetRequiredService<IIncidentContactStore>().CreateAsync(
            new IncidentContact { Id = "ann", OrganizationId = organization, Name = "Ann", Email = "ann@example.com", Priority = 1 }, CancellationToken.None);
        var plan = services.GetRequiredService<DeliveryPlan>();
        var targets = await plan.ForOrganizationAsync(organization, CancellationToken.None);
        var dispatcher = services.GetRequiredService<DeliveryDispatcher>();
        var processor = services.GetRequiredService<DeliveryProcessor>();
        var queue = services.GetRequiredService<MazeVault.Alerts.Core.Storage.StorageClients>().Queue(BenchServices.QueueName);
        // Created here, outside the counted stages (the daily check ran on an Azurite of its own).
        await queue.CreateIfNotExistsAsync();
        var alerts = Enumerable.Range(0, 100).Select(i => Alert(i, DateTimeOffset.UtcNow.AddYears(1)) with { OrganizationId = organization }).ToList();

        long dispatchRequests, processRequests;
        var deliveries = alerts.Count * targets.Count;
        using (var counter = new StorageRequestCounter())
        {
            foreach (var alert in alerts)
            {
                await dispatcher.DispatchAsync(alert, targets, CancellationToken.None);
            }

            dispatchRequests = counter.Count;
        }

        using (var counter = new StorageRequestCounter())
        {
            // What the queue trigger does: receive a batch of 16, handle each, delete each.
            while ((await queue.ReceiveMessagesAsync(16)).Value is { Length: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    await processor.ProcessAsync(DeliveryEnvelope.Parse(message.MessageText), CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            processRequests = counter.Count;
        }

        Console.WriteLine($"(3) Storage transactions per delivery: {alerts.Count} alerts x {targets.Count} targets = {deliveries} deliveries, each delivered first time");
        Console.WriteLine("| Stage | Requests | Per delivery |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| Dispatch (alert row, ledger transaction, one message each) | {dispatchRequests:N0} | {(double)dispatchRequests / deliveries:F2} |");
        Console.WriteLine($"| Handling (receive in 16s, claim, record, delete; the alert and targets read once per instance) | {processRequests:N0} | {(double)processRequests / deliveries:F2} |");
        Console.WriteLine($"| Total | {dispatchRequests + processRequests:N0} | {(double)(dispatchRequests + processRequests) / deliveries:F2} |");
        results.Add("transactions_per_delivery", (double)(dispatchRequests + processRequests) / deliveries);
    }

    private static Alert Alert(int i, DateTimeOffset now) => AlertFactory.CertificateExpiry(new Certificate
    {
        Id = $"fanout-{i}", OrganizationId = "bench-org-1", Subject = $"CN=fanout-{i}.example.com", NotAfter = now.AddDays(10),
    }, now);

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var stopwatch = Stopwatch.StartNew();
        await run();
        return stopwatch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}

using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

internal static class FanOut
{
    private const string FanOutQueue = "bench-fanout";

    /// <summary>
    /// (2) DeliveryQueue.EnqueueAsync and the whole DeliveryDispatcher.DispatchAsync vs bare SendMessageAsync of the same
    /// number of messages at the same concurrency, in alternating rounds, each repetition on an Azurite of its own.
    /// </summary>
    public static async Task MeasureEnqueueAsync(BenchSettings settings, Results results)
    {
        var envelopes = Enumerable.Range(0, settings.Deliveries)
            .Select(i => new DeliveryEnvelope("bench-org-1", $"certificate-expiry-20260316-{i:x24}", $"d-{i:x24}", $"integration:target-{i % 8}", 1))
            .ToList();
        var bodies = envelopes.Select(e => e.ToJson()).ToList();
        var targets = Enumerable.Range(0, 8).Select(i => new DeliveryTarget($"integration:t{i}", new Integration { Id = $"t{i}", OrganizationId = "bench-org-1", Type = WebhookChannel.Type, Name = $"t{i}", Settings = new WebhookSettings() })).ToList();
        var alertsPerRound = settings.Deliveries / targets.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency };

        var bareTimes = new List<TimeSpan>();
        var enqueueTimes = new List<TimeSpan>();
        var dispatchTimes = new List<TimeSpan>();
        var bareWritesTimes = new List<TimeSpan>();
        var oneRowTimes = new List<TimeSpan>();
        for (var repetition = 0; repetition < settings.FanOutRepetitions; repetition++)
        {
            // A fresh Azurite each repetition: in memory it slows as it serves more queue operations (and stalls after
            // about 100,000), so a long series on one process would measure its ageing, not the paths.
            var azurite = new AzuriteFixture();
            await azurite.InitializeAsync();
            try
            {
                await using var services = BenchServices.Build(azurite.ConnectionString, FanOutQueue);
                var queue = services.GetRequiredService<DeliveryQueue>();
                var dispatcher = services.GetRequiredService<DeliveryDispatcher>();
                var ours = azurite.CreateQueueClient(FanOutQueue);
                var bare = azurite.CreateQueueClient("bench-bare");
                await bare.CreateIfNotExistsAsync();
                var ledger = azurite.CreateTableServiceClient().GetTableClient("benchbareledger");
                await ledger.CreateIfNotExistsAsync();

                // Warm every path (connections, queue and table creation) before timing.
                await queue.EnqueueAsync(envelopes[0], TimeSpan.Zero, CancellationToken.None);
                await bare.SendMessageAsync(bodies[0]);
                await dispatcher.DispatchAsync(BenchAlerts.CertificateExpiry("bench-org-1", "fanout-warm", DateTimeOffset.UtcNow), targets, CancellationToken.None);
                await BareDispatchWritesAsync(ledger, bare, BenchAlerts.CertificateExpiry("bench-org-1", "fanout-warm", DateTimeOffset.UtcNow), targets.Count, CancellationToken.None);

                var alerts = Enumerable.Range(0, alertsPerRound).Select(i => BenchAlerts.CertificateExpiry("bench-org-1", $"fanout-r{repetition}-{i}", DateTimeOffset.UtcNow)).ToList();
                var rounds = new (Func<Task> Run, List<TimeSpan> Times, QueueClient Queue)[]
                {
                    (() => Parallel.ForEachAsync(bodies, parallel, async (body, ct) => await bare.SendMessageAsync(body, ct)), bareTimes, bare),
                    (() => Parallel.ForEachAsync(envelopes, parallel, async (envelope, ct) => await queue.EnqueueAsync(envelope, TimeSpan.Zero, ct)), enqueueTimes, ours),
                    (() => Parallel.ForEachAsync(alerts, parallel, async (alert, ct) => await dispatcher.DispatchAsync(alert, targets, ct)), dispatchTimes, ours),
                    (() => Parallel.ForEachAsync(alerts, parallel, async (alert, ct) => await BareDispatchWritesAsync(ledger, bare, alert, targets.Count, ct)), bareWritesTimes, bare),
                    (() => Parallel.ForEachAsync(alerts, parallel, async (alert, ct) => await BareOneRowWritesAsync(ledger, bare, alert, targets.Count, ct)), oneRowTimes, bare),
                };
                // A different path first in each repetition, so none always runs first on its Azurite.
                for (var k = 0; k < rounds.Length; k++)
                {
                    var round = rounds[(repetition + k) % rounds.Length];
                    await round.Queue.ClearMessagesAsync();
                    round.Times.Add(await TimeAsync(round.Run));
                }
            }
            finally
            {
                await azurite.DisposeAsync();
            }
        }

        var bareRate = settings.Deliveries / Median(bareTimes).TotalSeconds;
        var enqueueRate = settings.Deliveries / Median(enqueueTimes).TotalSeconds;
        var dispatchRate = alertsPerRound * targets.Count / Median(dispatchTimes).TotalSeconds;
        var bareWritesRate = alertsPerRound * targets.Count / Median(bareWritesTimes).TotalSeconds;
        var oneRowRate = alertsPerRound * targets.Count / Median(oneRowTimes).TotalSeconds;

        Console.WriteLine($"(2) Fan-out, {settings.Deliveries:N0} messages at concurrency {settings.Concurrency} (median of {settings.FanOutRepetitions} repetitions of alternating rounds, each repetition on a fresh Azurite)");
        Console.WriteLine("| Path | Messages/s | Ratio to bare (target >= 0.9) |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| Bare QueueClient.SendMessageAsync | {bareRate:N0} | 1.00 |");
        Console.WriteLine($"| DeliveryQueue.EnqueueAsync (envelope serialisation + send) | {enqueueRate:N0} | {enqueueRate / bareRate:F2} |");
        Console.WriteLine($"| Whole DeliveryDispatcher.DispatchAsync (one transaction: alert + ledger rows; then the enqueues), {targets.Count} targets per alert, {settings.Concurrency} alerts at once | {dispatchRate:N0} | {dispatchRate / bareRate:F2} |");

        Console.WriteLine($"| For comparison: the bare writes a dispatch must do, per alert one transaction (content row + {targets.Count} ledger rows) then {targets.Count} sends | {bareWritesRate:N0} | {bareWritesRate / bareRate:F2} |");
        Console.WriteLine($"| For comparison: the least a design that records each alert before its messages could write, per alert one single-row insert (the content and the {targets.Count} targets in one row) then {targets.Count} sends | {oneRowRate:N0} | {oneRowRate / bareRate:F2} |");
        Console.WriteLine($"Whole dispatch / its bare writes: {dispatchRate / bareWritesRate:F2}");

        results.Add("dispatch_vs_bare", dispatchRate / bareRate);
        results.Add("dispatch_vs_bare_writes", dispatchRate / bareWritesRate);
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
        var alerts = Enumerable.Range(0, 100).Select(i => BenchAlerts.CertificateExpiry(organization, $"tx-{i}", DateTimeOffset.UtcNow.AddYears(1))).ToList();

        long dispatchRequests, processRequests;
        IReadOnlyList<(string Method, string Uri)> handling;
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
            // What the queue trigger does (host.json batchSize 16): receive a batch of 16, handle them at once, delete each.
            while ((await queue.ReceiveMessagesAsync(16)).Value is { Length: > 0 } batch)
            {
                await Task.WhenAll(batch.Select(async message =>
                {
                    await processor.ProcessAsync(DeliveryEnvelope.Parse(message.MessageText), CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }));
            }

            processRequests = counter.Count;
            handling = counter.Requests;
        }

        Console.WriteLine($"(3) Storage transactions per delivery: {alerts.Count} alerts x {targets.Count} targets = {deliveries} deliveries, each delivered first time");
        Console.WriteLine("| Stage | Requests | Per delivery |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| Dispatch (one transaction: the alert row and the ledger rows; then one message each) | {dispatchRequests:N0} | {(double)dispatchRequests / deliveries:F2} |");
        Console.WriteLine($"| Handling (receive in 16s handled at once, claim, record, delete; the alert and targets read once per instance) | {processRequests:N0} | {(double)processRequests / deliveries:F2} |");
        Console.WriteLine($"| Total | {dispatchRequests + processRequests:N0} | {(double)(dispatchRequests + processRequests) / deliveries:F2} |");
        Console.WriteLine($"Handling by table or queue: {string.Join(", ", handling.GroupBy(r => Resource(r.Uri)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}"))}");
        results.Add("transactions_per_delivery", (double)(dispatchRequests + processRequests) / deliveries);
    }

    /// <summary>The table or queue a request went to: the path's segment after the account (<c>$batch</c> for a transaction).</summary>
    private static string Resource(string uri)
    {
        var path = new Uri(uri).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return path.Length < 2 ? "(account)" : path[1].Split('(')[0];
    }

    /// <summary>
    /// The storage work of one alert's dispatch with bare SDK calls: one transaction of rows the size of the product's
    /// (the content row, then one ledger row per target), then one message per target in order.
    /// </summary>
    private static async Task BareDispatchWritesAsync(TableClient ledger, QueueClient queue, Alert alert, int targets, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var content = new TableEntity(alert.OrganizationId, "alert-" + alert.Id)
        {
            ["Source"] = alert.Source.ToString(), ["Rule"] = alert.Rule, ["CreatedAt"] = now,
            ["Notification"] = System.Text.Json.JsonSerializer.Serialize(alert.Notification),
        };
        var rows = Enumerable.Range(0, targets).Select(t => new TableEntity(alert.OrganizationId, $"d-{alert.Id}-{t}")
        {
            ["AlertId"] = alert.Id, ["Target"] = $"integration:t{t}", ["Channel"] = "Webhook", ["TargetName"] = $"t{t}",
            ["Status"] = "Queued", ["Attempt"] = 1, ["EnqueuedAt"] = now, ["CreatedAt"] = now, ["UpdatedAt"] = now,
        });
        await ledger.SubmitTransactionAsync(rows.Prepend(content).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
        // The same body the dispatcher sends: ids, the row's ETag and when it was queued.
        await SendEachAsync(queue, alert, targets, "W/\"datetime'2026-12-01T17%3A00%3A00.0000000Z'\"", now, ct);
    }

    /// <summary>
    /// A design that does not exist, as a bound: one row per alert holding its content and its targets (no ledger rows
    /// until a handler claims), written before the alert's messages. No design that keeps a durable record of the alert
    /// before its first message writes less.
    /// </summary>
    private static async Task BareOneRowWritesAsync(TableClient ledger, QueueClient queue, Alert alert, int targets, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await ledger.AddEntityAsync(new TableEntity(alert.OrganizationId, "plan-" + alert.Id)
        {
            ["Source"] = alert.Source.ToString(), ["Rule"] = alert.Rule, ["CreatedAt"] = now,
            ["Notification"] = System.Text.Json.JsonSerializer.Serialize(alert.Notification),
            ["Targets"] = System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, targets).Select(t => new { Target = $"integration:t{t}", Channel = "Webhook", Name = $"t{t}" })),
        }, ct);
        // No ledger rows, so no ETag to carry.
        await SendEachAsync(queue, alert, targets, ledgerETag: null, now, ct);
    }

    /// <summary>One message per target, one after another, as the dispatcher sends them.</summary>
    private static async Task SendEachAsync(QueueClient queue, Alert alert, int targets, string? ledgerETag, DateTimeOffset now, CancellationToken ct)
    {
        for (var t = 0; t < targets; t++)
        {
            var envelope = new DeliveryEnvelope(alert.OrganizationId, alert.Id, $"d-{alert.Id}-{t}", $"integration:t{t}", 1, LedgerETag: ledgerETag, QueuedAt: now);
            await queue.SendMessageAsync(envelope.ToJson(), ct);
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var stopwatch = Stopwatch.StartNew();
        await run();
        return stopwatch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.TestSupport;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (4) Deliveries to one paced Slack webhook whose local server enforces its rate with 429s, through the real
/// DeliveryProcessor, Slack channel and slot table, by several instances (service providers on one Azurite and queue).
/// </summary>
internal static class PacingRun
{
    private const string Organization = "bench-pacing";
    private const string SlackPath = "/services/bench/pacing";

    public static async Task MeasureAsync(AzuriteFixture azurite, BenchSettings settings)
    {
        // The same deliveries unpaced to a server without a limit first: what this machine's pipeline can do at all.
        var capacity = await RunAsync(azurite, settings, paced: false);
        var run = await RunAsync(azurite, settings, paced: true);
        var throughput = settings.PacingDeliveries / run.Wall.TotalSeconds;

        Console.WriteLine($"(4) Pacing: {settings.PacingDeliveries:N0} deliveries to one paced Slack webhook on a local server allowing {settings.PacingRate}/s "
            + $"(Slack's 1/s scaled {settings.PacingRate}x: PACING_RATE_PERCENT={settings.PacingRate * 100}), {settings.PacingInstances} instances x {settings.PacingHandlers} handlers");
        Console.WriteLine("| Run | 429s (target 0) | Delivered once, attempt 1 | Throughput, first handler start to last arrival | Vs allowed (target >= 0.9) | Between first and last arrival | Deferred through the queue | Pacing-table requests per delivery | Sends per instance |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, r) in new[] { ("Unpaced, no limit (pipeline capacity)", capacity), ("Paced, server limited", run) })
        {
            var rate = settings.PacingDeliveries / r.Wall.TotalSeconds;
            Console.WriteLine($"| {name} | {r.Refused} | {r.DeliveredOnce:N0} of {settings.PacingDeliveries:N0} | {rate:F1}/s in {r.Wall.TotalSeconds:F1} s | {rate / settings.PacingRate:F2} "
                + $"| {(settings.PacingDeliveries - 1) / r.Sustained.TotalSeconds:F1}/s | {r.Deferred:N0} | {(double)r.PacingRequests / settings.PacingDeliveries:F2} | {r.PerInstance} |");
        }

        Console.WriteLine($"RESULT pacing_429s={run.Refused}");
        Console.WriteLine(FormattableString.Invariant($"RESULT pacing_throughput_vs_allowed={throughput / settings.PacingRate:F3}"));
        Console.WriteLine(FormattableString.Invariant($"RESULT pacing_throughput_vs_unpaced={capacity.Wall / run.Wall:F3}"));
    }

    private static async Task<(int Refused, int DeliveredOnce, TimeSpan Wall, TimeSpan Sustained, int Deferred, long PacingRequests, string PerInstance)> RunAsync(
        AzuriteFixture azurite, BenchSettings settings, bool paced)
    {
        var organization = paced ? Organization : Organization + "-unpaced";
        await using var vendor = await FakeVendorServer.StartAsync();
        var accepted = new ConcurrentQueue<long>();
        vendor.On("POST", SlackPath, _ =>
        {
            accepted.Enqueue(Stopwatch.GetTimestamp());
            return FakeResponse.Text(200, "ok");
        });
        // Slack allows one message per second per webhook; 1,000 of them would take 17 minutes, so the server allows
        // PacingRate per second and the app paces Slack at that many times its documented rate.
        var limit = paced ? vendor.LimitRate(SlackPath, settings.PacingRate, TimeSpan.FromSeconds(1)) : null;
        var instances = Enumerable.Range(0, settings.PacingInstances).Select(_ => TestServices.On(azurite.ConnectionString)
            .With("DELIVERY_QUEUE_NAME", organization)
            .With("PACING_RATE_PERCENT", (settings.PacingRate * 100).ToString(CultureInfo.InvariantCulture))
            .With("DELIVERY_FIRST_BACKOFF_SECONDS", "1")
            .WithoutLogCollector()
            .Build()).ToList();
        try
        {
            var slack = new Integration
            {
                Id = "slack", OrganizationId = organization, Type = SlackChannel.Type, Name = "Slack", Paced = paced,
                Settings = new SlackSettings { SlackWebhookUrl = Secret.Of(vendor.Url(SlackPath).ToString()) },
            };
            await instances[0].GetRequiredService<IIntegrationStore>().CreateAsync(slack, CancellationToken.None);
            var dispatcher = instances[0].GetRequiredService<DeliveryDispatcher>();
            var now = DateTimeOffset.UtcNow;
            await Parallel.ForEachAsync(Enumerable.Range(0, settings.PacingDeliveries), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
                await dispatcher.DispatchAsync(BenchAlerts.CertificateExpiry(organization, $"paced-{i}", now), [new DeliveryTarget("integration:slack", slack)], ct));

            var started = Stopwatch.GetTimestamp();
            IReadOnlyList<ProcessResult>[] results;
            long pacingRequests;
            using (var counter = new StorageRequestCounter())
            {
                results = await DeliveryWorkers.RunUntilAsync(
                    instances, settings.PacingHandlers, () => Task.FromResult(accepted.Count >= settings.PacingDeliveries), TimeSpan.FromMinutes(30));
                pacingRequests = counter.CountOf("/Pacing");
            }

            var arrivals = accepted.Order().ToList();
            var ledger = await instances[0].GetRequiredService<DeliveryLedger>().QueryAsync(organization, new DeliveryQuery(), CancellationToken.None).ToListAsync();
            return (
                limit?.Refused ?? 0,
                ledger.Count(d => d.Status == DeliveryStatus.Delivered && d.Attempt == 1),
                Stopwatch.GetElapsedTime(started, arrivals[^1]),
                Stopwatch.GetElapsedTime(arrivals[0], arrivals[^1]),
                results.SelectMany(r => r).Count(r => r == ProcessResult.Paced),
                pacingRequests,
                string.Join(" / ", results.Select(r => r.Count(x => x == ProcessResult.Delivered))));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

}

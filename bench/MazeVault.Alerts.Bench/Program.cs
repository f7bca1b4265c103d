using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using MazeVault.Alerts.Bench;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

// Prints the engine's figures against a private Azurite: see docs/benchmarks.md. Sizes are parameters so a run stays bounded.
var settings = BenchSettings.Parse(args);
Console.WriteLine($"MazeVault Alerts benchmark: {settings}");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, Azurite (in-memory) from node_modules");

// 200,000 rows and the queues live in Azurite's in-memory store: give node room so it does not stall in GC.
Environment.SetEnvironmentVariable("NODE_OPTIONS", "--max-old-space-size=4096");
var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    if (settings.PacingOnly)
    {
        await PacingRun.MeasureAsync(azurite, settings);
        return;
    }

    await using var services = BenchServices.Build(azurite.ConnectionString);
    var clock = services.GetRequiredService<ShiftableClock>();
    var inventory = services.GetRequiredService<IInventoryStore>();
    var organizations = Enumerable.Range(1, settings.Organizations).Select(i => $"bench-org-{i}").ToList();
    foreach (var organization in organizations)
    {
        // With the two legacy recipients, three targets per alert; alerting rows are one in a thousand, as in a healthy vault.
        await services.GetRequiredService<IIntegrationStore>().CreateAsync(new Integration
        {
            Id = "slack", OrganizationId = organization, Type = SlackChannel.Type, Name = "Slack",
            Settings = new SlackSettings { SlackWebhookUrl = Secret.Of("https://hooks.slack.invalid/x") },
        }, CancellationToken.None);
    }

    // (1) Daily check vs a bare scan, at the small size and then at the full size.
    var dailyCheck = services.GetRequiredService<DailyCheckService>();
    var tables = services.GetRequiredService<StorageClients>();
    var results = new List<ScanResult>();
    var loaded = 0;
    foreach (var size in new[] { settings.SmallRows, settings.Rows }.Distinct())
    {
        var load = Stopwatch.StartNew();
        await Seed.LoadAsync(inventory, organizations, loaded, size, clock.GetUtcNow());
        loaded = size;
        Console.WriteLine($"Loaded {size:N0} certificates and {size:N0} rotation configs in {organizations.Count} organizations ({load.Elapsed.TotalSeconds:F0} s)");

        var bare = new List<Measurement>();
        var check = new List<Measurement>();
        var scanOnly = new List<Measurement>();
        DailyCheckSummary? summary = null;
        for (var repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            // A new day each time, so every repetition raises and dispatches its alerts afresh; the order alternates so
            // neither side always runs on a warmer Azurite.
            clock.Advance(TimeSpan.FromDays(1));
            Func<Task> runBare = async () => bare.Add(await Measurement.RunAsync(() => BareScanAsync(tables, organizations)));
            Func<Task> runCheck = async () => check.Add(await Measurement.RunAsync(async () => (summary = await dailyCheck.RunAsync(CancellationToken.None)).CertificatesScanned));
            Func<Task> runScanOnly = async () => scanOnly.Add(await Measurement.RunAsync(() => StoreScanAsync(inventory, clock.GetUtcNow())));
            foreach (var run in repetition % 2 == 0 ? new[] { runBare, runCheck, runScanOnly } : [runScanOnly, runCheck, runBare])
            {
                await run();
            }
        }

        results.Add(new ScanResult(size, Measurement.Median(bare), Measurement.Median(check), Measurement.Median(scanOnly), summary!));
    }

    Console.WriteLine();
    Console.WriteLine("(1) Daily check throughput vs a bare Azure.Data.Tables scan of the same rows (median of " + settings.Repetitions + ")");
    Console.WriteLine("| Rows per table | Bare scan rows/s | Daily check rows/s | Check / bare time (target <= 1.25) | Store scan + rules, no dispatch / bare | Alerts dispatched | Peak managed heap, bare scan | Peak managed heap, daily check |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var r in results)
    {
        var rows = 2.0 * r.Rows;
        Console.WriteLine($"| {r.Rows:N0} | {rows / r.Bare.Elapsed.TotalSeconds:N0} | {rows / r.Check.Elapsed.TotalSeconds:N0} | {r.Check.Elapsed / r.Bare.Elapsed:F2}x | {r.ScanOnly.Elapsed / r.Bare.Elapsed:F2}x | {r.Summary.Alerts:N0} | {Mb(r.Bare.PeakHeapBytes)} | {Mb(r.Check.PeakHeapBytes)} |");
    }

    if (results.Count == 2)
    {
        Console.WriteLine($"Peak heap of the daily check at {results[1].Rows:N0} vs {results[0].Rows:N0} rows: {(double)results[1].Check.PeakHeapBytes / results[0].Check.PeakHeapBytes:F2}x (target: flat, about 1x)");
    }

    Console.WriteLine();

    // (3) Storage transactions per delivery, counted from the Azure SDK's own request events.
    await FanOut.MeasureTransactionsAsync(services, settings);

    // (4) Pacing: one paced Slack webhook that enforces its rate, several instances.
    Console.WriteLine();
    await PacingRun.MeasureAsync(azurite, settings);

    // (2) runs last: after tens of thousands of queue operations, Azurite in memory slows to a stall on this machine.
    Console.WriteLine();
    await FanOut.MeasureEnqueueAsync(azurite, settings);
}
finally
{
    await azurite.DisposeAsync();
}

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

// The daily check's reading half: every organization through IInventoryStore and the rules, without dispatching.
static async Task<long> StoreScanAsync(IInventoryStore inventory, DateTimeOffset now)
{
    long matches = 0;
    await foreach (var organization in inventory.ListOrganizationsAsync(CancellationToken.None))
    {
        await foreach (var certificate in inventory.ScanCertificatesAsync(organization, CancellationToken.None))
        {
            matches += AlertRules.CertificateNeedsAlert(certificate, now) ? 1 : 0;
        }

        await foreach (var config in inventory.ScanRotationConfigsAsync(organization, CancellationToken.None))
        {
            matches += AlertRules.RotationConfigNeedsAlert(config) ? 1 : 0;
        }
    }

    return matches;
}

static async Task<long> BareScanAsync(StorageClients storage, IReadOnlyList<string> organizations)
{
    long rows = 0;
    foreach (var organization in organizations)
    {
        foreach (var table in new[] { TableNames.Certificates, TableNames.RotationConfigs })
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {organization}");
            await foreach (var page in storage.Table(table).QueryAsync<TableEntity>(filter).AsPages())
            {
                rows += page.Values.Count;
            }
        }
    }

    return rows;
}

namespace MazeVault.Alerts.Bench
{
    internal sealed record ScanResult(int Rows, Measurement Bare, Measurement Check, Measurement ScanOnly, DailyCheckSummary Summary);

    internal sealed record BenchSettings(
        int Rows, int SmallRows, int Organizations, int Deliveries, int Concurrency, int Repetitions,
        int PacingDeliveries, int PacingRate, int PacingInstances, int PacingHandlers, bool PacingOnly)
    {
        public static BenchSettings Parse(string[] args)
        {
            var values = args.Select(a => a.TrimStart('-').Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
            int Get(string name, int fallback) => values.TryGetValue(name, out var v) ? v : fallback;
            return new BenchSettings(
                Get("rows", 100_000), Get("small-rows", 10_000), Get("orgs", 4), Get("deliveries", 4_000), Get("concurrency", 16), Get("repetitions", 3),
                Get("pacing-deliveries", 1_000), Get("pacing-rate", 50), Get("pacing-instances", 2), Get("pacing-handlers", 16), Get("pacing-only", 0) == 1);
        }
    }

    /// <summary>The clock the engine reads, moved a day forward between repetitions.</summary>
    internal sealed class ShiftableClock : TimeProvider
    {
        private TimeSpan _offset;
        public void Advance(TimeSpan by) => _offset += by;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    /// <summary>Accepts everything: the benchmark measures storage and queue work, not vendors.</summary>
    internal sealed class AcceptingChannel : INotificationChannel
    {
        public Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct) => Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Delivered());
    }

    internal static class BenchServices
    {
        public const string QueueName = "bench-deliveries";

        public static ServiceProvider Build(string connectionString, string queueName = QueueName)
        {
            var clock = new ShiftableClock();
            return TestServices.On(connectionString)
                .With("DELIVERY_QUEUE_NAME", queueName)
                .With("ADMIN_EMAIL", "admin@example.com")
                .With("TEAMS_WEBHOOK_URL", "https://teams.invalid/workflows/legacy")
                .WithClock(clock)
                .WithoutLogCollector()
                .After(services =>
                {
                    services.AddSingleton(clock);
                    foreach (var registration in services.Where(d => d.ServiceType == typeof(ChannelRegistration)).Select(d => (ChannelRegistration)d.ImplementationInstance!).ToList())
                    {
                        // The last keyed registration wins: every channel accepts without a vendor.
                        services.AddKeyedSingleton<INotificationChannel>(registration.Type, new AcceptingChannel());
                    }
                })
                .Build();
        }
    }

    internal static class Seed
    {
        /// <summary>Rows [from, to) of each organization's share; one in a thousand alerts (certificate and rotation alike).</summary>
        public static async Task LoadAsync(IInventoryStore inventory, IReadOnlyList<string> organizations, int from, int to, DateTimeOffset now)
        {
            var shares = organizations.Select((organization, index) => (organization, index));
            await Parallel.ForEachAsync(shares, new ParallelOptions { MaxDegreeOfParallelism = organizations.Count }, async (share, ct) =>
            {
                var (organization, index) = share;
                var rows = Enumerable.Range(from, to - from).Where(i => i % organizations.Count == index);
                foreach (var chunk in rows.Chunk(1_000))
                {
                    var certificates = chunk.Select(i => new Certificate
                    {
                        Id = $"cert-{i:D7}",
                        OrganizationId = organization,
                        Subject = $"CN=host-{i}.example.com",
                        NotAfter = i % 1000 == 0 ? now.AddDays(20) : now.AddDays(60 + i % 300),
                        AutoRenewalEnabled = i % 2 == 1,
                        LastRenewalStatus = i % 2 == 1 ? RenewalStatus.Success : RenewalStatus.None,
                    }).ToList();
                    var configs = chunk.Select(i => new RotationConfig
                    {
                        Id = $"rot-{i:D7}",
                        OrganizationId = organization,
                        SecretName = $"secret-{i}",
                        Enabled = true,
                        Status = i % 1000 == 0 ? RotationStatus.Failed : RotationStatus.Success,
                        NotificationEmails = ["owner@example.com"],
                    }).ToList();
                    Check(await inventory.ImportCertificatesAsync(certificates, ct));
                    Check(await inventory.ImportRotationConfigsAsync(configs, ct));
                }
            });
        }

        private static void Check(IReadOnlyList<ImportItemResult> results)
        {
            if (results.FirstOrDefault(r => r.Error is not null) is { } failed)
            {
                throw new InvalidOperationException($"Import failed at {failed.Id}: {failed.Error}");
            }
        }
    }
}

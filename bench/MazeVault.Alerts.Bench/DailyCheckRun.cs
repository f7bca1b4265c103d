using System.Diagnostics;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (1) The daily check vs a bare Azure.Data.Tables scan of the same rows, at the small, full and large sizes; at the full
/// size also with a route on every integration.
/// </summary>
internal static class DailyCheckRun
{
    /// <summary>
    /// Every field of a route in use, and taking every alert the seed raises (certificates at 20 days are medium, failed
    /// rotations high; subjects <c>CN=host-…</c>, secrets <c>secret-…</c>), so the routed check dispatches what the plain one
    /// does and the difference is the routing itself.
    /// </summary>
    private static readonly AlertRoute BenchRoute = TestRoutes.Of(
        kinds: ["certificate_expiry", "rotation_failure", "resolved"], minSeverity: "medium", include: ["CN=host-*", "secret-*"], exclude: ["*-test", "*.internal"]);

    public static async Task MeasureAsync(AzuriteFixture azurite, BenchSettings settings, Results results)
    {
        await using var services = BenchServices.Build(azurite.ConnectionString);
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

        var clock = services.GetRequiredService<ShiftableClock>();
        var inventory = services.GetRequiredService<IInventoryStore>();
        var dailyCheck = services.GetRequiredService<DailyCheckService>();
        var storage = services.GetRequiredService<StorageClients>();
        var sizes = new[] { (settings.SmallRows, settings.Repetitions), (settings.Rows, settings.Repetitions), (settings.LargeRows, settings.LargeRepetitions) }
            .Where(s => s.Item1 > 0)
            .DistinctBy(s => s.Item1)
            .OrderBy(s => s.Item1);
        var measured = new List<ScanResult>();
        var routedBare = new List<Measurement>();
        var routed = new List<Measurement>();
        var integrations = services.GetRequiredService<IIntegrationStore>();
        var loaded = 0;
        foreach (var (size, repetitions) in sizes)
        {
            var load = Stopwatch.StartNew();
            await Seed.LoadAsync(inventory, organizations, loaded, size, clock.GetUtcNow());
            loaded = size;
            Console.WriteLine($"Loaded {size:N0} certificates and {size:N0} rotation configs in {organizations.Count} organizations ({load.Elapsed.TotalSeconds:F0} s)");

            var bare = new List<Measurement>();
            var check = new List<Measurement>();
            var scanOnly = new List<Measurement>();
            // The reading half alone is a diagnostic; at the large size one scan takes minutes on Azurite, so it is left out there.
            var withScanOnly = size != settings.LargeRows;
            DailyCheckSummary? summary = null;
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                // A new day each time, so every repetition raises and dispatches its alerts afresh; the order alternates so
                // neither side always runs on a warmer Azurite.
                clock.Advance(TimeSpan.FromDays(1));
                Func<Task> runBare = async () => bare.Add(await Measurement.RunAsync(() => BareScanAsync(storage, organizations)));
                Func<Task> runCheck = async () => check.Add(await Measurement.RunAsync(async () => (summary = await dailyCheck.RunAsync(CancellationToken.None)).CertificatesScanned));
                Func<Task> runScanOnly = async () => scanOnly.Add(await Measurement.RunAsync(() => StoreScanAsync(inventory, clock.GetUtcNow())));
                var runs = withScanOnly ? new[] { runBare, runCheck, runScanOnly } : [runBare, runCheck];
                foreach (var run in repetition % 2 == 0 ? runs : runs.Reverse())
                {
                    await run();
                }

                Console.WriteLine($"  {size:N0} rows, repetition {repetition + 1}: bare {bare[^1].Elapsed.TotalSeconds:F1} s, check {check[^1].Elapsed.TotalSeconds:F1} s");
                if (size == settings.Rows)
                {
                    // A day of its own (the same day's alerts are already sent), with its own bare scan beside it.
                    clock.Advance(TimeSpan.FromDays(1));
                    await RouteEveryIntegrationAsync(integrations, organizations, BenchRoute);
                    Func<Task> runRoutedBare = async () => routedBare.Add(await Measurement.RunAsync(() => BareScanAsync(storage, organizations)));
                    Func<Task> runRouted = async () => routed.Add(await Measurement.RunAsync(async () => (await dailyCheck.RunAsync(CancellationToken.None)).CertificatesScanned));
                    foreach (var run in repetition % 2 == 0 ? new[] { runRoutedBare, runRouted } : [runRouted, runRoutedBare])
                    {
                        await run();
                    }

                    await RouteEveryIntegrationAsync(integrations, organizations, AlertRoute.Everything);
                    Console.WriteLine($"  {size:N0} rows, repetition {repetition + 1}, a route on every integration: bare {routedBare[^1].Elapsed.TotalSeconds:F1} s, check {routed[^1].Elapsed.TotalSeconds:F1} s");
                }
            }

            // One more day's check, untimed, for the memory it holds (Measurement.RetainedPeakAsync).
            clock.Advance(TimeSpan.FromDays(1));
            var retainedPeak = await Measurement.RetainedPeakAsync(() => dailyCheck.RunAsync(CancellationToken.None));
            measured.Add(new ScanResult(size, repetitions, Measurement.Median(bare), Measurement.Median(check), withScanOnly ? Measurement.Median(scanOnly) : null, summary!, retainedPeak));
        }

        Console.WriteLine();
        Console.WriteLine("(1) Daily check vs a bare Azure.Data.Tables scan of the same rows (median of the repetitions)");
        Console.WriteLine("| Rows per table | Repetitions | Bare scan rows/s | Daily check rows/s | Check / bare time (target <= 1.1) | Store scan + rules, no dispatch / bare | Alerts dispatched | Peak managed heap, bare scan | Peak managed heap, daily check | Peak retained heap, daily check (untimed pass) | Client CPU, bare scan | Client CPU, daily check |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in measured)
        {
            var rows = 2.0 * r.Rows;
            Console.WriteLine($"| {r.Rows:N0} | {r.Repetitions} | {rows / r.Bare.Elapsed.TotalSeconds:N0} | {rows / r.Check.Elapsed.TotalSeconds:N0} | {r.Ratio:F2}x | {(r.ScanOnly is { } scan ? $"{scan.Elapsed / r.Bare.Elapsed:F2}x" : "not measured")} | {r.Summary.Alerts:N0} | {Mb(r.Bare.PeakHeapBytes)} | {Mb(r.Check.PeakHeapBytes)} | {Mb(r.RetainedPeakBytes)} | {r.Bare.ClientCpu.TotalSeconds:F1} s | {r.Check.ClientCpu.TotalSeconds:F1} s |");
        }

        var small = measured.Find(r => r.Rows == settings.SmallRows);
        var full = measured.Find(r => r.Rows == settings.Rows);
        var large = settings.LargeRows > 0 ? measured.Find(r => r.Rows == settings.LargeRows) : null;
        Report(results, "daily_check_vs_bare_100k", full?.Ratio);
        var routedRatio = routed.Count > 0 ? Measurement.Median(routed).Elapsed / Measurement.Median(routedBare).Elapsed : (double?)null;
        if (routedRatio is not null)
        {
            Console.WriteLine($"Daily check at {settings.Rows:N0} rows per table with a route on every integration / bare scan (median of {routed.Count}): {routedRatio:F2}x (target <= 1.1)");
        }

        Report(results, "daily_check_routed_vs_bare_100k", routedRatio);
        Report(results, "daily_check_vs_bare_1m", large?.Ratio);
        var heap = large is not null && small is not null ? (double)large.Check.PeakHeapBytes / small.Check.PeakHeapBytes : (double?)null;
        Report(results, "heap_1m_vs_10k", heap);
        if (heap is not null)
        {
            Console.WriteLine($"Peak managed heap of the daily check at {large!.Rows:N0} vs {small!.Rows:N0} rows per table: {heap:F2}x (target: flat, about 1x)");
        }

        var retained = large is not null && small is not null ? (double)large.RetainedPeakBytes / Math.Max(1, small.RetainedPeakBytes) : (double?)null;
        Report(results, "retained_heap_1m_vs_10k", retained);
        if (retained is not null)
        {
            Console.WriteLine($"Peak retained heap (after full collections) of the daily check at {large!.Rows:N0} vs {small!.Rows:N0} rows per table: {retained:F2}x ({Mb(large.RetainedPeakBytes)} vs {Mb(small.RetainedPeakBytes)})");
        }
    }

    private static void Report(Results results, string name, double? value)
    {
        if (value is { } measured)
        {
            results.Add(name, measured);
        }
        else
        {
            results.Skipped(name);
        }
    }

    private static async Task RouteEveryIntegrationAsync(IIntegrationStore integrations, IReadOnlyList<string> organizations, AlertRoute route)
    {
        foreach (var organization in organizations)
        {
            var integration = (await integrations.GetAsync(organization, "slack", CancellationToken.None))!;
            await integrations.UpdateAsync(integration with { Route = route }, CancellationToken.None);
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";

    /// <summary>The daily check's reading half: every organization through IInventoryStore and the rules, without dispatching.</summary>
    private static async Task<long> StoreScanAsync(IInventoryStore inventory, DateTimeOffset now)
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

    /// <summary>What any reader of the same rows must do: each organization's partition of both tables, page by page.</summary>
    private static async Task<long> BareScanAsync(StorageClients storage, IReadOnlyList<string> organizations)
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

    private sealed record ScanResult(int Rows, int Repetitions, Measurement Bare, Measurement Check, Measurement? ScanOnly, DailyCheckSummary Summary, long RetainedPeakBytes)
    {
        public double Ratio => Check.Elapsed / Bare.Elapsed;
    }
}

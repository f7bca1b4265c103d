using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Retention;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// (7) The retention run deleting <c>--retention-rows</c> expired ledger rows (an alert row and three finished deliveries per
/// alert, over <c>--orgs</c> organizations), beside a bare batch delete of the same rows by their keys: same batches of
/// 100 rows of a partition, one transaction at a time, no query. Each side gets the rows seeded afresh, on an Azurite of
/// its own; the order alternates per repetition.
/// </summary>
internal static class RetentionRun
{
    // Azurite serves one request at a time; enough transactions in flight keep it busy while this process builds the next.
    private const int SeedTransactionsInFlight = 16;
    private const int DeliveriesPerAlert = 3;

    public static async Task MeasureAsync(BenchSettings settings, Results results)
    {
        if (settings.RetentionRows <= 0)
        {
            results.Skipped("retention_vs_bare_delete");
            return;
        }

        var organizations = Enumerable.Range(1, settings.Organizations).Select(i => $"bench-org-{i}").ToList();
        var retention = new List<(Measurement Run, int Requests)>();
        var bare = new List<(Measurement Run, int Requests)>();
        for (var repetition = 0; repetition < settings.RetentionRepetitions; repetition++)
        {
            Func<Task> runRetention = async () => retention.Add(await OnFreshRowsAsync(settings, organizations, RetentionAsync));
            Func<Task> runBare = async () => bare.Add(await OnFreshRowsAsync(settings, organizations, services => BareDeleteAsync(services, organizations, settings.RetentionRows)));
            foreach (var run in repetition % 2 == 0 ? new[] { runBare, runRetention } : [runRetention, runBare])
            {
                await run();
            }

            Console.WriteLine($"  {settings.RetentionRows:N0} rows, repetition {repetition + 1}: bare delete {bare[^1].Run.Elapsed.TotalSeconds:F1} s, retention {retention[^1].Run.Elapsed.TotalSeconds:F1} s");
        }

        var r = retention.OrderBy(x => x.Run.Elapsed).ElementAt(retention.Count / 2);
        var b = bare.OrderBy(x => x.Run.Elapsed).ElementAt(bare.Count / 2);
        double rows = settings.RetentionRows;
        Console.WriteLine();
        Console.WriteLine("(7) Retention vs a bare batch delete of the same expired rows (median of the repetitions)");
        Console.WriteLine("| Expired rows | Repetitions | Bare delete rows/s | Retention rows/s | Retention / bare time | Storage transactions per row, bare | Storage transactions per row, retention | Client CPU, bare | Client CPU, retention |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| {settings.RetentionRows:N0} | {settings.RetentionRepetitions} | {rows / b.Run.Elapsed.TotalSeconds:N0} | {rows / r.Run.Elapsed.TotalSeconds:N0} | {r.Run.Elapsed / b.Run.Elapsed:F2}x | {b.Requests / rows:F4} | {r.Requests / rows:F4} | {b.Run.ClientCpu.TotalSeconds:F1} s | {r.Run.ClientCpu.TotalSeconds:F1} s |");
        results.Add("retention_vs_bare_delete", r.Run.Elapsed / b.Run.Elapsed);
        results.Add("retention_transactions_per_row", r.Requests / rows, "F4");
        results.Add("bare_delete_transactions_per_row", b.Requests / rows, "F4");
    }

    /// <summary>Seeds the rows on a new Azurite, then times <paramref name="delete"/> and counts its storage requests; checks it deleted them all.</summary>
    private static async Task<(Measurement, int)> OnFreshRowsAsync(BenchSettings settings, IReadOnlyList<string> organizations, Func<ServiceProvider, Task<long>> delete)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var services = BenchServices.Build(azurite.ConnectionString);
            var seed = Stopwatch.StartNew();
            var table = await services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
            await SeedAsync(table, organizations, settings.RetentionRows, services.GetRequiredService<ShiftableClock>().GetUtcNow().AddDays(-100));
            Console.WriteLine($"  Seeded {settings.RetentionRows:N0} expired ledger rows in {organizations.Count} organizations ({seed.Elapsed.TotalSeconds:F0} s)");
            using var counter = new StorageRequestCounter(azurite);
            var run = await Measurement.RunAsync(() => delete(services));
            var requests = counter.Count;
            if (run.Count != settings.RetentionRows || await table.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1).AnyAsync())
            {
                throw new InvalidOperationException($"Deleted {run.Count:N0} of {settings.RetentionRows:N0} rows, or some are left.");
            }

            return (run, requests);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Row <c>i</c>: of each group of four, an alert row then its three delivered deliveries; alerts dealt round-robin to the organizations.</summary>
    private static TableEntity Row(IReadOnlyList<string> organizations, int i, DateTimeOffset at)
    {
        var alert = i / (DeliveriesPerAlert + 1);
        var organization = organizations[alert % organizations.Count];
        var alertId = $"certificate-expiry-{alert:D8}";
        return i % (DeliveriesPerAlert + 1) == 0
            ? new TableEntity(organization, AlertStore.RowKeyPrefix + alertId)
            {
                ["Source"] = nameof(AlertSource.DailyCheck), ["Rule"] = "certificate-expiry", ["CreatedAt"] = at,
                ["Notification"] = "{\"subject\":\"Certificate CN=host.example.com expires in 20 days\",\"message\":\"...\"}",
            }
            : new TableEntity(organization, AlertIds.ForDelivery(alertId, $"target-{i % (DeliveriesPerAlert + 1)}"))
            {
                ["AlertId"] = alertId, ["Target"] = "legacy:admin-email", ["Channel"] = "Email", ["TargetName"] = "Admin",
                ["Status"] = nameof(DeliveryStatus.Delivered), ["Attempt"] = 1, ["CreatedAt"] = at, ["UpdatedAt"] = at,
            };
    }

    private static IEnumerable<(string Organization, TableEntity[] Rows)> Batches(IReadOnlyList<string> organizations, int rows, DateTimeOffset at) =>
        Enumerable.Range(0, rows)
            .Select(i => Row(organizations, i, at))
            .GroupBy(row => row.PartitionKey)
            .SelectMany(partition => partition.Chunk(TableGroupCommit.MaxRows).Select(chunk => (partition.Key, chunk)));

    private static Task SeedAsync(TableClient table, IReadOnlyList<string> organizations, int rows, DateTimeOffset at) =>
        Parallel.ForEachAsync(Batches(organizations, rows, at), new ParallelOptions { MaxDegreeOfParallelism = SeedTransactionsInFlight }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), ct));

    private static async Task<long> RetentionAsync(ServiceProvider services)
    {
        var summary = await services.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
        return summary.Deliveries + summary.Alerts;
    }

    /// <summary>The least a deletion of these rows costs: their keys known, one transaction per 100 rows of a partition, no read.</summary>
    private static async Task<long> BareDeleteAsync(ServiceProvider services, IReadOnlyList<string> organizations, int rows)
    {
        var table = await services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        long deleted = 0;
        foreach (var (_, batch) in Batches(organizations, rows, default))
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
            deleted += batch.Length;
        }

        return deleted;
    }
}

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
/// 100 rows of a partition, as many transactions in flight as <see cref="TableBatchDelete"/>, no query. The rows are
/// spread over storage accounts of <c>--retention-account-rows</c> each (see <see cref="AzuriteAccounts"/>); a side
/// runs the accounts one after another, under one clock. Each side gets the rows seeded afresh, on an Azurite of its
/// own; the order alternates per repetition.
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
        var perAccount = Math.Min(settings.RetentionRows, settings.RetentionAccountRows);
        var shards = Enumerable.Range(0, (settings.RetentionRows + perAccount - 1) / perAccount)
            .Select(a => new Shard(a * perAccount, Math.Min(settings.RetentionRows, (a + 1) * perAccount)))
            .ToList();
        var retention = new List<(Measurement Run, int Requests)>();
        var bare = new List<(Measurement Run, int Requests)>();
        for (var repetition = 0; repetition < settings.RetentionRepetitions; repetition++)
        {
            Func<Task> runRetention = async () => retention.Add(await OnFreshRowsAsync(organizations, shards, (services, _) => RetentionAsync(services)));
            Func<Task> runBare = async () => bare.Add(await OnFreshRowsAsync(organizations, shards, (services, shard) => BareDeleteAsync(services, organizations, shard)));
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
        Console.WriteLine("| Expired rows | Accounts × rows | Repetitions | Bare delete rows/s | Retention rows/s | Retention / bare time | Storage transactions per row, bare | Storage transactions per row, retention | Client CPU, bare | Client CPU, retention |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| {settings.RetentionRows:N0} | {shards.Count} × {perAccount:N0} | {settings.RetentionRepetitions} | {rows / b.Run.Elapsed.TotalSeconds:N0} | {rows / r.Run.Elapsed.TotalSeconds:N0} | {r.Run.Elapsed / b.Run.Elapsed:F2}x | {b.Requests / rows:F4} | {r.Requests / rows:F4} | {b.Run.ClientCpu.TotalSeconds:F1} s | {r.Run.ClientCpu.TotalSeconds:F1} s |");
        results.Add("retention_vs_bare_delete", r.Run.Elapsed / b.Run.Elapsed);
        results.Add("retention_transactions_per_row", r.Requests / rows, "F4");
        results.Add("bare_delete_transactions_per_row", b.Requests / rows, "F4");
    }

    /// <summary>
    /// Seeds each shard's rows in an account of its own on a new Azurite, then times <paramref name="delete"/> over the
    /// accounts one after another and counts its storage requests; checks it deleted them all.
    /// </summary>
    private static async Task<(Measurement, int)> OnFreshRowsAsync(
        IReadOnlyList<string> organizations, IReadOnlyList<Shard> shards, Func<ServiceProvider, Shard, Task<long>> delete)
    {
        await using var azurite = await AzuriteAccounts.StartAsync(shards.Count);
        var accounts = azurite.Names.Select(name => BenchServices.Build(azurite.ConnectionString(name))).ToList();
        try
        {
            var seed = Stopwatch.StartNew();
            var tables = new List<TableClient>();
            foreach (var account in accounts)
            {
                // Every table exists before the clock starts, as the Bicep template deploys them.
                var provider = account.GetRequiredService<TableProvider>();
                foreach (var name in TableNames.All)
                {
                    await provider.GetAsync(name, CancellationToken.None);
                }

                tables.Add(await provider.GetAsync(TableNames.Deliveries, CancellationToken.None));
            }

            var at = accounts[0].GetRequiredService<ShiftableClock>().GetUtcNow().AddDays(-100);
            var batches = shards.SelectMany((shard, a) => Batches(organizations, shard, at).Select(rows => (Table: tables[a], Rows: rows)));
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = SeedTransactionsInFlight }, async (batch, ct) =>
                await batch.Table.SubmitTransactionAsync(batch.Rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), ct));
            var rows = shards.Sum(shard => shard.Rows);
            Console.WriteLine($"  Seeded {rows:N0} expired ledger rows in {organizations.Count} organizations of {shards.Count} accounts ({seed.Elapsed.TotalSeconds:F0} s)");

            using var counter = new StorageRequestCounter(azurite.Azurite);
            var run = await Measurement.RunAsync(async () =>
            {
                long deleted = 0;
                for (var a = 0; a < shards.Count; a++)
                {
                    deleted += await delete(accounts[a], shards[a]);
                }

                return deleted;
            });
            var requests = counter.Count;
            foreach (var table in tables)
            {
                if (await table.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1).AnyAsync())
                {
                    throw new InvalidOperationException($"Rows are left in {table.AccountName}.");
                }
            }

            return run.Count == rows ? (run, requests) : throw new InvalidOperationException($"Deleted {run.Count:N0} of {rows:N0} rows.");
        }
        finally
        {
            foreach (var account in accounts)
            {
                await account.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Row <c>i</c>: of each group of four, an alert row then its three delivered deliveries; alerts dealt round-robin to
    /// the organizations. Only the columns the retention reads or filters on: the rest of a ledger row is not its work.
    /// </summary>
    private static TableEntity Row(string organization, int i, DateTimeOffset at)
    {
        var alertId = $"certificate-expiry-{i / (DeliveriesPerAlert + 1):D8}";
        return i % (DeliveriesPerAlert + 1) == 0
            ? new TableEntity(organization, AlertStore.RowKeyPrefix + alertId) { ["CreatedAt"] = at }
            : new TableEntity(organization, AlertIds.ForDelivery(alertId, $"target-{i % (DeliveriesPerAlert + 1)}"))
            {
                ["AlertId"] = alertId, ["Status"] = nameof(DeliveryStatus.Delivered), ["CreatedAt"] = at, ["UpdatedAt"] = at,
            };
    }

    /// <summary>A shard's rows in transactions of up to 100 rows of one organization, organization after organization.</summary>
    private static IEnumerable<TableEntity[]> Batches(IReadOnlyList<string> organizations, Shard shard, DateTimeOffset at) =>
        organizations.SelectMany((organization, o) => Enumerable.Range(shard.From, shard.Rows)
            .Where(i => i / (DeliveriesPerAlert + 1) % organizations.Count == o)
            .Select(i => Row(organization, i, at))
            .Chunk(TableGroupCommit.MaxRows));

    private static async Task<long> RetentionAsync(ServiceProvider services)
    {
        var summary = await services.GetRequiredService<RetentionService>().RunAsync(CancellationToken.None);
        return summary.Deliveries + summary.Alerts;
    }

    /// <summary>The least a deletion of these rows costs: their keys known, one transaction per 100 rows of a partition, no read.</summary>
    private static async Task<long> BareDeleteAsync(ServiceProvider services, IReadOnlyList<string> organizations, Shard shard)
    {
        var table = await services.GetRequiredService<TableProvider>().GetAsync(TableNames.Deliveries, CancellationToken.None);
        long deleted = 0;
        await Parallel.ForEachAsync(Batches(organizations, shard, default), new ParallelOptions { MaxDegreeOfParallelism = TableBatchDelete.TransactionsInFlight }, async (batch, ct) =>
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), ct);
            Interlocked.Add(ref deleted, batch.Length);
        });
        return deleted;
    }

    /// <summary>Rows [<paramref name="From"/>, <paramref name="To"/>) of the run, in one storage account.</summary>
    private sealed record Shard(int From, int To)
    {
        public int Rows => To - From;
    }
}

using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Bench;

/// <summary>Loads the inventory through the product's import: one transaction per 100 rows of a partition, many in flight.</summary>
internal static class Seed
{
    // Azurite serves one request at a time; enough transactions in flight keep it busy while this process builds the next.
    private const int TransactionsInFlight = 16;

    /// <summary>Rows [from, to) of each table, dealt round-robin to the organizations; one in a thousand alerts (certificate and rotation alike).</summary>
    public static async Task LoadAsync(IInventoryStore inventory, IReadOnlyList<string> organizations, int from, int to, DateTimeOffset now)
    {
        // Batch-major order: every partition advances together instead of one partition after another.
        var batches = organizations
            .SelectMany((organization, index) => Enumerable.Range(from, to - from)
                .Where(i => i % organizations.Count == index)
                .Chunk(TableInventoryStore.MaxBatchSize)
                .Select((rows, order) => (Organization: organization, Rows: rows, Order: order)))
            .OrderBy(batch => batch.Order);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = TransactionsInFlight }, async (batch, ct) =>
        {
            Check(await inventory.ImportCertificatesAsync(batch.Rows.Select(i => Certificate(batch.Organization, i, now)).ToList(), ct));
            Check(await inventory.ImportRotationConfigsAsync(batch.Rows.Select(i => RotationConfig(batch.Organization, i)).ToList(), ct));
        });
    }

    private static Certificate Certificate(string organization, int i, DateTimeOffset now) => new()
    {
        Id = $"cert-{i:D7}",
        OrganizationId = organization,
        Subject = $"CN=host-{i}.example.com",
        NotAfter = i % 1000 == 0 ? now.AddDays(20) : now.AddDays(60 + i % 300),
        AutoRenewalEnabled = i % 2 == 1,
        LastRenewalStatus = i % 2 == 1 ? RenewalStatus.Success : RenewalStatus.None,
    };

    private static RotationConfig RotationConfig(string organization, int i) => new()
    {
        Id = $"rot-{i:D7}",
        OrganizationId = organization,
        SecretName = $"secret-{i}",
        Enabled = true,
        Status = i % 1000 == 0 ? RotationStatus.Failed : RotationStatus.Success,
        NotificationEmails = ["owner@example.com"],
    };

    private static void Check(IReadOnlyList<ImportItemResult> results)
    {
        if (results.FirstOrDefault(r => r.Error is not null) is { } failed)
        {
            throw new InvalidOperationException($"Import failed at {failed.Id}: {failed.Error}");
        }
    }
}

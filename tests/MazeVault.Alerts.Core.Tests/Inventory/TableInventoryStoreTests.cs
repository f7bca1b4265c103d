using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Inventory;

public sealed class TableInventoryStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset NotAfter = new(2026, 12, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteStorage _storage = new(azurite);
    private TableInventoryStore Store => new(_storage.Tables, _storage.Organizations);

    private static Certificate Certificate(string org, int i) => new()
    {
        Id = $"cert-{i:D4}",
        OrganizationId = org,
        Subject = $"CN=host{i}.example.com",
        NotAfter = NotAfter.AddDays(i),
        AutoRenewalEnabled = i % 2 == 0,
        LastRenewalStatus = i % 3 == 0 ? RenewalStatus.Failed : RenewalStatus.Success,
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Certificate_and_rotation_config_round_trip()
    {
        var org = AzuriteStorage.NewOrganization();
        var certificate = await Store.UpsertCertificateAsync(Certificate(org, 3), CancellationToken.None);
        var config = new RotationConfig
        {
            Id = "rot-1",
            OrganizationId = org,
            SecretName = "db-password",
            Enabled = true,
            Status = RotationStatus.Failed,
            NextRotationDue = NotAfter,
            LastError = "vault refused",
            NotificationEmails = ["dba@example.com", "ops@example.com"],
        };
        var storedConfig = await Store.UpsertRotationConfigAsync(config, CancellationToken.None);

        Assert.Equal(certificate, await Store.GetCertificateAsync(org, "cert-0003", CancellationToken.None));
        var readConfig = await Store.GetRotationConfigAsync(org, "rot-1", CancellationToken.None);
        Assert.NotNull(readConfig);
        Assert.Equal(config.NotificationEmails, readConfig.NotificationEmails);
        Assert.Equal(storedConfig with { NotificationEmails = readConfig.NotificationEmails }, readConfig);
        Assert.Null(await Store.GetCertificateAsync(org, "missing", CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_replaces_the_whole_certificate()
    {
        var org = AzuriteStorage.NewOrganization();
        await Store.UpsertCertificateAsync(Certificate(org, 0) with { LastRenewalStatus = RenewalStatus.Failed }, CancellationToken.None);
        await Store.UpsertCertificateAsync(Certificate(org, 0) with { LastRenewalStatus = RenewalStatus.Success, Subject = "CN=renewed" }, CancellationToken.None);

        var read = await Store.GetCertificateAsync(org, "cert-0000", CancellationToken.None);
        Assert.Equal(RenewalStatus.Success, read!.LastRenewalStatus);
        Assert.Equal("CN=renewed", read.Subject);
    }

    [Fact]
    public async Task Import_of_250_certificates_crosses_the_100_per_batch_limit_and_writes_all()
    {
        var org = AzuriteStorage.NewOrganization();
        var certificates = Enumerable.Range(0, 250).Select(i => Certificate(org, i)).ToList();

        var results = await Store.ImportCertificatesAsync(certificates, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 250), results.Select(r => r.Index));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(certificates.Select(c => c.Id), results.Select(r => r.Id));
        var scanned = await ToListAsync(Store.ScanCertificatesAsync(org, CancellationToken.None));
        Assert.Equal(250, scanned.Count);
        Assert.Equal(certificates[137].NotAfter, scanned.Single(c => c.Id == "cert-0137").NotAfter);
    }

    [Fact]
    public async Task Import_spanning_organizations_batches_by_partition()
    {
        var (first, second) = (AzuriteStorage.NewOrganization(), AzuriteStorage.NewOrganization());
        // Interleaved: a batch may only hold one partition, so grouping is needed for this to succeed.
        var certificates = Enumerable.Range(0, 150).Select(i => Certificate(i % 2 == 0 ? first : second, i)).ToList();

        var results = await Store.ImportCertificatesAsync(certificates, CancellationToken.None);

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(75, (await ToListAsync(Store.ScanCertificatesAsync(first, CancellationToken.None))).Count);
        Assert.Equal(75, (await ToListAsync(Store.ScanCertificatesAsync(second, CancellationToken.None))).Count);
        var organizations = await ToListAsync(Store.ListOrganizationsAsync(CancellationToken.None));
        Assert.Single(organizations, first);
        Assert.Single(organizations, second);
    }

    [Fact]
    public async Task A_batch_storage_rejects_is_reported_on_each_of_its_items_and_the_others_are_written()
    {
        var org = AzuriteStorage.NewOrganization();
        var certificates = Enumerable.Range(0, 250).Select(i => Certificate(org, i)).ToList();
        // Item 130 repeats item 120's row: storage refuses the second batch (items 100-199) as a whole.
        certificates[130] = certificates[130] with { Id = certificates[120].Id };

        var results = await Store.ImportCertificatesAsync(certificates, CancellationToken.None);

        Assert.All(results.Where(r => r.Index is < 100 or >= 200), r => Assert.Null(r.Error));
        Assert.All(results.Where(r => r.Index is >= 100 and < 200), r => Assert.NotNull(r.Error));
        var scanned = await ToListAsync(Store.ScanCertificatesAsync(org, CancellationToken.None));
        Assert.Equal(150, scanned.Count);
        Assert.DoesNotContain(scanned, c => c.Id == "cert-0150");
    }

    [Fact]
    public async Task Rotation_configs_import_and_scan_page_by_page()
    {
        var org = AzuriteStorage.NewOrganization();
        // More than one Table query page (1,000 entities) so the scan has to follow continuation tokens.
        var configs = Enumerable.Range(0, 1100).Select(i => new RotationConfig
        {
            Id = $"rot-{i:D4}",
            OrganizationId = org,
            SecretName = $"secret-{i}",
            Status = i % 10 == 0 ? RotationStatus.Failed : RotationStatus.Success,
        }).ToList();

        var results = await Store.ImportRotationConfigsAsync(configs, CancellationToken.None);

        Assert.All(results, r => Assert.Null(r.Error));
        var scanned = await ToListAsync(Store.ScanRotationConfigsAsync(org, CancellationToken.None));
        Assert.Equal(1100, scanned.Select(c => c.Id).Distinct().Count());
        Assert.Equal(110, scanned.Count(c => c.Status == RotationStatus.Failed));
    }
}

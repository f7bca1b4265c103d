using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MazeVault.Alerts.Core.Tests.Storage;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Tests.Inventory;

public sealed class InventoryServiceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset NotAfter = new(2026, 12, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly TableInventoryStore _store = Store(azurite);

    private static TableInventoryStore Store(AzuriteFixture azurite)
    {
        var storage = new AzuriteStorage(azurite);
        return new TableInventoryStore(storage.Tables, storage.Organizations);
    }

    private readonly ServiceProvider _services = TestServices.On(azurite).Build();

    private InventoryService Service => ActivatorUtilities.CreateInstance<InventoryService>(_services, _store, _services.GetRequiredService<RotationFailureNotifier>());

    private async Task<int> CountCertificatesAsync(string org)
    {
        var count = 0;
        await foreach (var _ in _store.ScanCertificatesAsync(org, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    private static CertificateInput ValidCertificate(int i) => new() { Id = $"c{i}", Subject = $"CN=h{i}", NotAfter = NotAfter };

    [Fact]
    public async Task An_invalid_item_is_named_by_its_index_and_nothing_is_written()
    {
        var org = AzuriteStorage.NewOrganization();
        var certificates = Enumerable.Range(0, 150).Select(ValidCertificate).ToList<CertificateInput?>();
        certificates[7] = certificates[7]! with { NotAfter = null };
        certificates[120] = certificates[120]! with { Subject = " " };
        var configs = new List<RotationConfigInput?> { new() { Id = "r0", SecretName = "s", NotificationEmails = ["ok@example.com", "bad"] } };

        var error = await Assert.ThrowsAsync<ValidationException>(() => Service.ImportAsync(org,
            new InventoryImportInput { Certificates = certificates, RotationConfigs = configs }, CancellationToken.None));

        Assert.Equal(["certificates[7].notAfter", "certificates[120].subject", "rotationConfigs[0].notificationEmails[1]"], error.Errors.Select(e => e.Field));
        Assert.Equal(0, await CountCertificatesAsync(org));
    }

    [Fact]
    public async Task Repeated_ids_and_null_items_are_refused_before_anything_is_written()
    {
        var org = AzuriteStorage.NewOrganization();
        var certificates = new List<CertificateInput?> { ValidCertificate(1), null, ValidCertificate(1), ValidCertificate(2) with { Id = "a/b" } };

        var error = await Assert.ThrowsAsync<ValidationException>(() => Service.ImportAsync(org,
            new InventoryImportInput { Certificates = certificates }, CancellationToken.None));

        Assert.Equal(["certificates[1]", "certificates[2].id", "certificates[3].id"], error.Errors.Select(e => e.Field));
        Assert.Equal(0, await CountCertificatesAsync(org));
    }

    [Fact]
    public async Task Empty_import_is_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Service.ImportAsync("org", new InventoryImportInput(), CancellationToken.None));
        Assert.Equal("body", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Valid_import_reports_every_item_by_index()
    {
        var org = AzuriteStorage.NewOrganization();
        var result = await Service.ImportAsync(org, new InventoryImportInput
        {
            Certificates = Enumerable.Range(0, 120).Select(ValidCertificate).ToList<CertificateInput?>(),
            RotationConfigs = [new RotationConfigInput { Id = "r0", SecretName = "db" }],
        }, CancellationToken.None);

        Assert.Equal(121, result.Imported);
        Assert.Equal(0, result.Failed);
        Assert.Equal(Enumerable.Range(0, 120), result.Certificates.Select(r => r.Index));
        Assert.Equal(120, await CountCertificatesAsync(org));
        Assert.True((await _store.GetRotationConfigAsync(org, "r0", CancellationToken.None))!.Enabled);
    }

    [Fact]
    public async Task Upsert_refuses_a_body_id_that_differs_from_the_route()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Service.UpsertCertificateAsync(AzuriteStorage.NewOrganization(), "c1", ValidCertificate(2), CancellationToken.None));
        Assert.Equal("id", Assert.Single(error.Errors).Field);
    }
}

using System.Text.Json;
using MazeVault.Alerts.Core.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class InventoryApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ApiHarness _api = new(azurite);
    private InventoryApi Api => _api.Function<InventoryApi>();
    private IInventoryStore Store => _api.Services.GetRequiredService<IInventoryStore>();

    private async Task<int> CountCertificatesAsync(string org)
    {
        var count = 0;
        await foreach (var _ in Store.ScanCertificatesAsync(org, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Put_certificate_upserts_and_answers_it_with_an_etag()
    {
        var org = ApiHarness.NewOrganization();
        var body = """{"subject":"CN=example.com","notAfter":"2026-12-20T00:00:00Z","autoRenewalEnabled":true,"lastRenewalStatus":"failed"}""";

        var response = await ApiHarness.SendAsync(_api.Request(body), r => Api.UpsertCertificate(r, org, "cert-1", CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("failed", response.Json.GetProperty("lastRenewalStatus").GetString());
        Assert.Equal(response.ETag, response.Json.GetProperty("etag").GetString());
        var stored = await Store.GetCertificateAsync(org, "cert-1", CancellationToken.None);
        Assert.Equal((RenewalStatus.Failed, true, new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero)),
            (stored!.LastRenewalStatus, stored.AutoRenewalEnabled, stored.NotAfter));
    }

    [Fact]
    public async Task Put_rotation_config_upserts_with_its_notification_emails()
    {
        var org = ApiHarness.NewOrganization();
        var body = """{"secretName":"db-password","enabled":true,"status":"failed","lastError":"timeout","notificationEmails":["dba@example.com"]}""";

        var response = await ApiHarness.SendAsync(_api.Request(body), r => Api.UpsertRotationConfig(r, org, "rot-1", CancellationToken.None));

        Assert.Equal(200, response.Status);
        var stored = await Store.GetRotationConfigAsync(org, "rot-1", CancellationToken.None);
        Assert.Equal(RotationStatus.Failed, stored!.Status);
        Assert.Equal(["dba@example.com"], stored.NotificationEmails);
    }

    [Theory]
    [InlineData("""{"notAfter":"2026-12-20T00:00:00Z"}""", "subject")]
    [InlineData("""{"subject":"CN=x"}""", "notAfter")]
    [InlineData("""{"subject":"CN=x","notAfter":"next week"}""", "notAfter")]
    [InlineData("""{"subject":"CN=x","notAfter":"0001-01-01T00:00:00Z"}""", "notAfter")]
    [InlineData("""{"subject":"CN=x","notAfter":"2026-12-20T00:00:00Z","lastRenewalStatus":"maybe"}""", "lastRenewalStatus")]
    [InlineData("""{"subject":"CN=x","notAfter":"2026-12-20T00:00:00Z","autoRenewalEnabled":"yes"}""", "autoRenewalEnabled")]
    [InlineData("""{"id":"other","subject":"CN=x","notAfter":"2026-12-20T00:00:00Z"}""", "id")]
    [InlineData("""{"subject":""", "subject")]
    public async Task Invalid_certificate_answers_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();

        var response = await ApiHarness.SendAsync(_api.Request(json), r => Api.UpsertCertificate(r, org, "cert-1", CancellationToken.None));

        Assert.Contains(field, response.ProblemFields());
        Assert.Null(await Store.GetCertificateAsync(org, "cert-1", CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"enabled":true}""", "secretName")]
    [InlineData("""{"secretName":"s","status":"exploded"}""", "status")]
    [InlineData("""{"secretName":"s","nextRotationDue":"soon"}""", "nextRotationDue")]
    [InlineData("""{"secretName":"s","nextRotationDue":"1066-10-14T00:00:00Z"}""", "nextRotationDue")]
    [InlineData("""{"secretName":"s","notificationEmails":["dba@example.com","dba"]}""", "notificationEmails[1]")]
    public async Task Invalid_rotation_config_answers_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();

        var response = await ApiHarness.SendAsync(_api.Request(json), r => Api.UpsertRotationConfig(r, org, "rot-1", CancellationToken.None));

        Assert.Contains(field, response.ProblemFields());
        Assert.Null(await Store.GetRotationConfigAsync(org, "rot-1", CancellationToken.None));
    }

    [Fact]
    public async Task Bulk_import_of_250_certificates_and_rotation_configs_reports_each_item()
    {
        var org = ApiHarness.NewOrganization();
        var body = new
        {
            certificates = Enumerable.Range(0, 250).Select(i => new { id = $"c{i}", subject = $"CN=h{i}.example.com", notAfter = "2026-12-20T00:00:00Z" }),
            rotationConfigs = new[] { new { id = "r1", secretName = "db", status = "failed" } },
        };

        var response = await ApiHarness.SendAsync(_api.Request(body), r => Api.Import(r, org, CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal(251, response.Json.GetProperty("imported").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("failed").GetInt32());
        var items = response.Json.GetProperty("certificates").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 250), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("error").ValueKind));
        Assert.Equal(250, await CountCertificatesAsync(org));
        Assert.Equal(RotationStatus.Failed, (await Store.GetRotationConfigAsync(org, "r1", CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData("""{"certificates":[{"id":"a","subject":"CN=a","notAfter":"2026-12-20T00:00:00Z"},{"id":"b","subject":"CN=b"}]}""", "certificates[1].notAfter")]
    [InlineData("""{"certificates":[{"id":"a","subject":"CN=a","notAfter":"2026-12-20T00:00:00Z"},{"id":"a","subject":"CN=b","notAfter":"2026-12-20T00:00:00Z"}]}""", "certificates[1].id")]
    [InlineData("""{"certificates":[{"id":"a","subject":"CN=a","notAfter":"2026-12-20T00:00:00Z"},{"subject":"CN=b","notAfter":"2026-12-20T00:00:00Z"}]}""", "certificates[1].id")]
    [InlineData("""{"certificates":[{"id":"a","subject":"CN=a","notAfter":"2026-12-20T00:00:00Z"},{"id":"b","subject":"CN=b","notAfter":false}]}""", "certificates[1].notAfter")]
    [InlineData("""{"certificates":[{"id":"a","subject":"CN=a","notAfter":"2026-12-20T00:00:00Z"}],"rotationConfigs":[{"id":"r","secretName":""}]}""", "rotationConfigs[0].secretName")]
    [InlineData("""{"certificates":{"id":"a"}}""", "certificates")]
    [InlineData("""{}""", "body")]
    public async Task Bulk_import_with_an_invalid_item_answers_400_naming_it_by_index_and_writes_nothing(string json, string field)
    {
        var org = ApiHarness.NewOrganization();

        var response = await ApiHarness.SendAsync(_api.Request(json), r => Api.Import(r, org, CancellationToken.None));

        Assert.Contains(field, response.ProblemFields());
        Assert.Equal(0, await CountCertificatesAsync(org));
    }
}

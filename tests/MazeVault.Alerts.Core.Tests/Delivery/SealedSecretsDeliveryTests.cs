using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Secrets;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Delivery;

/// <summary>Deliveries whose integration secrets cannot be opened: a key out of reach is retried, a broken seal is final.</summary>
public sealed class SealedSecretsDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_unreachable_key_still_dispatches_and_the_delivery_waits_for_the_key_without_being_lost()
    {
        var keys = new TestKeyEncryptionKeys();
        // The retry waits its backoff (one second here), so one drain sees exactly one attempt.
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.FromSeconds(1), keys: keys);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        keys.Unavailable = true;

        // Dispatch reads integrations without opening their secrets.
        var accepted = await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        Assert.Equal(1, accepted.DeliveriesQueued);
        await engine.DrainAsync();

        var waiting = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Retrying, waiting.Status);
        Assert.StartsWith("secrets key unavailable:", waiting.LastError);
        Assert.Equal(0, engine.Channels[TestIntegrations.Slack].Calls);

        keys.Unavailable = false;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await engine.DrainAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the retry never became visible");
            await Task.Delay(200);
        }

        var delivered = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.Attempt);
        Assert.Equal(1, engine.Channels[TestIntegrations.Slack].Calls);
    }

    [Fact]
    public async Task A_tampered_seal_fails_the_delivery_permanently_with_a_clear_reason_and_no_secret()
    {
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.Zero);
        await engine.ConfigureAsync([Integration("slack1", TestIntegrations.Slack)]);
        var table = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Integrations, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(engine.Org, "slack1")).Value;
        var sealedSecrets = JsonSerializer.Deserialize<SealedSecrets>(row.GetString("Secrets"))!;
        // The wrapped data key of another row: it does not open here.
        row["Secrets"] = JsonSerializer.Serialize(sealedSecrets with { WrappedKey = Convert.ToBase64String(new byte[60]) });
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var failed = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.StartsWith("the integration's stored secrets cannot be opened; enter them again", failed.LastError);
        Assert.DoesNotContain("slack-secret", failed.LastError);
        Assert.Equal(0, await engine.DrainAsync());
        Assert.Equal(0, engine.Channels[TestIntegrations.Slack].Calls);
    }

    [Fact]
    public async Task A_jira_row_pointed_at_another_site_in_storage_never_sends_the_token_there()
    {
        await using var jira = await FakeVendorServer.StartAsync();
        await using var elsewhere = await FakeVendorServer.StartAsync();
        await using var engine = Create(azurite, adminEmail: null, teamsWebhook: null, firstBackoff: TimeSpan.Zero, realChannelSettings: new Dictionary<string, string?>());
        await engine.ConfigureAsync([TestIntegrations.Of("jira1", TestIntegrations.Jira, TestIntegrations.JiraSettings(jira.BaseUrl.ToString().TrimEnd('/')))]);
        // Someone with write access to the table, not to the key, points the row at their own server.
        var table = await engine.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Integrations, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(engine.Org, "jira1")).Value;
        var settings = JsonNode.Parse(row.GetString("Settings"))!.AsObject();
        settings["jiraBaseUrl"] = elsewhere.BaseUrl.ToString().TrimEnd('/');
        row["Settings"] = settings.ToJsonString();
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        await engine.Incidents.ReportAsync(engine.Org, IncidentRequest(), null, CancellationToken.None);
        await engine.DrainAsync();

        var failed = Assert.Single(await engine.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        Assert.StartsWith(SecretIntegrityException.Summary, failed.LastError);
        Assert.DoesNotContain("jira-token-secret", failed.LastError);
        Assert.Empty(elsewhere.Requests);
        Assert.Empty(jira.Requests);
    }
}

using System.Text.Json;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>How the integrations API answers when stored secrets cannot be opened: 503 while the key is out of reach, 422 for a broken seal.</summary>
public sealed class SealedSecretsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SlackUrl = "https://hooks.slack.com/services/T1/B1/sealed-api-secret";

    /// <summary>A key source that cannot be reached, as when Key Vault is down or the identity is not ready.</summary>
    private sealed class UnreachableKeys : IKeyEncryptionKeys
    {
        public Task<KeyEncryptionKey> GetCurrentAsync(CancellationToken ct) => throw new SecretKeyUnavailableException("Key Vault could not be reached (network error or timeout).");
        public Task<KeyEncryptionKey> GetAsync(string version, CancellationToken ct) => GetCurrentAsync(ct);
    }

    private ApiHarness Harness(bool keyReachable = true) =>
        new(azurite, configure: keyReachable ? null : (services, _) => services.AddSingleton<IKeyEncryptionKeys>(new UnreachableKeys()));

    private static async Task<(string Id, string ETag)> CreateSlackAsync(ApiHarness api, string org)
    {
        var created = await ApiHarness.SendAsync(api.Request(new { type = "slack", name = "Slack", slackWebhookUrl = SlackUrl }),
            r => api.Function<IntegrationsApi>().Create(r, org, CancellationToken.None));
        Assert.Equal(201, created.Status);
        return (created.Json.GetProperty("id").GetString()!, created.ETag!);
    }

    [Fact]
    public async Task With_the_key_out_of_reach_reads_still_answer_and_writes_and_tests_answer_503_problem()
    {
        var org = ApiHarness.NewOrganization();
        var (id, etag) = await CreateSlackAsync(Harness(), org);
        var api = Harness(keyReachable: false);
        var integrations = api.Function<IntegrationsApi>();

        var read = await ApiHarness.SendAsync(api.Request(), r => integrations.Get(r, org, id, CancellationToken.None));
        Assert.Equal(200, read.Status);
        Assert.Equal("https://hooks.slack.com/••••", read.Json.GetProperty("slackWebhookUrl").GetProperty("hint").GetString());

        var create = await ApiHarness.SendAsync(api.Request(new { type = "slack", name = "Other", slackWebhookUrl = SlackUrl }), r => integrations.Create(r, org, CancellationToken.None));
        var update = await ApiHarness.SendAsync(api.Request(new { type = "slack", name = "Renamed" }, etag), r => integrations.Update(r, org, id, CancellationToken.None));
        var test = await ApiHarness.SendAsync(api.Request(), r => api.Function<IntegrationTestApi>().Run(r, org, id, CancellationToken.None));

        foreach (var response in new[] { create, update, test })
        {
            response.AssertProblem(503);
            Assert.DoesNotContain("sealed-api-secret", response.Body);
        }

        Assert.Equal("Slack", (await ApiHarness.SendAsync(Harness().Request(), r => Harness().Function<IntegrationsApi>().Get(r, org, id, CancellationToken.None))).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_broken_seal_answers_422_on_an_update_that_keeps_the_secret_and_a_failed_test_that_says_to_enter_it_again()
    {
        var api = Harness();
        var org = ApiHarness.NewOrganization();
        var (id, _) = await CreateSlackAsync(api, org);
        var table = await api.Services.GetRequiredService<TableProvider>().GetAsync(TableNames.Integrations, CancellationToken.None);
        var row = (await table.GetEntityAsync<TableEntity>(org, id)).Value;
        var sealedSecrets = JsonSerializer.Deserialize<SealedSecrets>(row.GetString("Secrets"))!;
        row["Secrets"] = JsonSerializer.Serialize(sealedSecrets with { KekVersion = "some-other-deployment" });
        var tampered = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var etag = tampered.Headers.ETag.ToString()!;

        var update = await ApiHarness.SendAsync(api.Request(new { type = "slack", name = "Renamed" }, etag), r => api.Function<IntegrationsApi>().Update(r, org, id, CancellationToken.None));
        update.AssertProblem(422);

        var test = await ApiHarness.SendAsync(api.Request(), r => api.Function<IntegrationTestApi>().Run(r, org, id, CancellationToken.None));
        Assert.Equal(200, test.Status);
        Assert.False(test.Json.GetProperty("success").GetBoolean());
        Assert.StartsWith("the integration's stored secrets cannot be opened; enter them again", test.Json.GetProperty("error").GetString());

        // Sending the secret again repairs it.
        var repaired = await ApiHarness.SendAsync(api.Request(new { type = "slack", name = "Repaired", slackWebhookUrl = SlackUrl }, etag), r => api.Function<IntegrationsApi>().Update(r, org, id, CancellationToken.None));
        Assert.Equal(200, repaired.Status);
    }
}

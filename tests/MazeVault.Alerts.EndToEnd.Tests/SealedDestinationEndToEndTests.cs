using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// A JIRA token is sealed for the site it was given for: someone with write access to the Integrations table who points
/// the row at a server of their own gets a permanent failure from the compiled app, never the token.
/// </summary>
public sealed class SealedDestinationEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    [Fact]
    public async Task A_jira_row_whose_site_was_changed_in_the_table_fails_permanently_and_the_new_site_never_gets_the_token()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var site = $"/{organizationId}";
        fixture.Vendor.On("POST", $"{site}/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray() }));
        fixture.Vendor.On("POST", $"{site}/rest/api/3/issue", FakeResponse.Json(201, new JsonObject { ["id"] = "10001", ["key"] = "SEC-1", ["self"] = "x" }));
        await using var other = await fixture.StartAnotherVendorAsync();
        using var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations", new
        {
            type = "jira", name = "Jira", jiraBaseUrl = fixture.Vendor.Url(site).AbsoluteUri, jiraEmail = "bot@company.com",
            jiraApiToken = "jira-token-" + Guid.NewGuid().ToString("N"), jiraProjectKey = "SEC",
        });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        Assert.True((await TestAsync(organizationId, id)).GetProperty("success").GetBoolean());

        await MoveSiteAsync(organizationId, id, other.Url(site).AbsoluteUri);

        var tested = await TestAsync(organizationId, id);
        Assert.False(tested.GetProperty("success").GetBoolean());
        Assert.StartsWith(SecretIntegrityException.Summary, tested.GetProperty("error").GetString());
        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
            new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db-password", detectedAt = DateTimeOffset.UtcNow });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));

        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        var delivery = Assert.Single(JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(1, delivery.GetProperty("attempt").GetInt32());
        Assert.StartsWith(SecretIntegrityException.Summary, delivery.GetProperty("lastError").GetString());
        Assert.Empty(other.Requests);
        // Only the Test action before the move reached the real site.
        Assert.Single(fixture.Vendor.RequestsTo("POST", $"{site}/rest/api/3/issue"));
    }

    private async Task<JsonElement> TestAsync(string organizationId, string id)
    {
        using var response = await fixture.Client.PostAsync($"api/organizations/{organizationId}/integrations/{id}/test", null);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>What a table writer without the key can do: rewrite the row's base URL and keep its sealed secrets.</summary>
    private async Task MoveSiteAsync(string organizationId, string id, string baseUrl)
    {
        var table = fixture.Azurite.CreateTableServiceClient().GetTableClient(TableNames.Integrations);
        var row = (await table.GetEntityAsync<TableEntity>(organizationId, id)).Value;
        var settings = JsonNode.Parse(row.GetString("Settings"))!.AsObject();
        settings["jiraBaseUrl"] = baseUrl;
        row["Settings"] = settings.ToJsonString();
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
    }
}

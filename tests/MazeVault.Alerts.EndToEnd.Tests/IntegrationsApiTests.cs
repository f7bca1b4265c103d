using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The management API through the compiled app: real HTTP in, real Table Storage behind it.</summary>
public sealed class IntegrationsApiTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    private const string SlackWebhook = "https://hooks.slack.com/services/T000/B000/very-secret-token";

    [Fact]
    public async Task Created_slack_integration_is_stored_and_read_back_with_its_webhook_masked()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var created = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations",
            new { type = "slack", name = "Ops channel", slackWebhookUrl = SlackWebhook });

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("very-secret-token", createdText, StringComparison.Ordinal);
        var id = JsonDocument.Parse(createdText).RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/organizations/{organizationId}/integrations/{id}", created.Headers.Location?.OriginalString);

        using var read = await fixture.Client.GetAsync($"api/organizations/{organizationId}/integrations/{id}");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, read);
        Assert.NotNull(read.Headers.ETag);
        var readText = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain("very-secret-token", readText, StringComparison.Ordinal);
        var body = JsonDocument.Parse(readText).RootElement;
        Assert.Equal("slack", body.GetProperty("type").GetString());
        Assert.Equal("Ops channel", body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("slackWebhookUrl").GetProperty("set").GetBoolean());

        // The row is in Azurite under the organization's partition, written by the worker process.
        var table = fixture.Azurite.CreateTableServiceClient().GetTableClient("Integrations");
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == organizationId).ToListAsync();
        Assert.Equal(id, Assert.Single(rows).RowKey);
    }

    [Fact]
    public async Task Malformed_body_gets_400_problem_naming_the_field_and_stores_nothing()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var response = await fixture.Client.PostAsync(
            $"api/organizations/{organizationId}/integrations",
            new StringContent("{\"type\":\"slack\",\"name\":42,", Encoding.UTF8, "application/json"));

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());

        using var list = await fixture.Client.GetAsync($"api/organizations/{organizationId}/integrations");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, list);
        Assert.Equal(0, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Integration_missing_its_webhook_gets_400_naming_slackWebhookUrl()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var response = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{organizationId}/integrations", new { type = "slack", name = "No hook" });

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("slackWebhookUrl", out _), errors.ToString());
    }

    [Fact]
    public async Task Unknown_integration_id_gets_404_problem()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var response = await fixture.Client.GetAsync($"api/organizations/{organizationId}/integrations/does-not-exist");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.NotFound, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

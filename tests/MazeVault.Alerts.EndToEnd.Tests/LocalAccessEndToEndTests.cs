using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>ACCESS_MODE=local (the sample settings, on Azurite): no credential needed, and a principal header changes nothing.</summary>
public sealed class LocalAccessEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Fact]
    public async Task Every_route_is_open_without_a_credential()
    {
        var cases = AccessMatrix.Cases(fixture.AppDirectory, AlertsAppFixture.NewOrganizationId(), AlertsAppFixture.NewOrganizationId());

        await AccessMatrix.AssertAllAsync(fixture.Client, cases, new MatrixCredential("none", _ => { }, _ => null));
    }

    [Fact]
    public async Task A_forged_principal_header_is_ignored_and_the_actor_is_local()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{organization}/integrations")
        {
            Content = JsonContent.Create(new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com" } }),
        };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal("p-forged", AccessRoles.Admin));

        using var created = await fixture.Client.SendAsync(request);
        using var trail = await fixture.Client.GetAsync($"api/organizations/{organization}/audit-events?type=API_ACTION");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var details = Assert.Single(JsonDocument.Parse(await trail.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()).GetProperty("details");
        Assert.Equal(("Local", "local", "CreateIntegration"),
            (details.GetProperty("actorType").GetString(), details.GetProperty("actorId").GetString(), details.GetProperty("action").GetString()));
    }
}

using System.Net;
using System.Text.Json;
using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>ACCESS_MODE=entra with authentication off serves nobody, and says so at start; anonymous routes still answer.</summary>
public sealed class FailClosedAccessEndToEndTests(EntraWithoutAuthenticationAppFixture fixture) : IClassFixture<EntraWithoutAuthenticationAppFixture>
{
    [Fact]
    public async Task Every_route_that_needs_a_caller_is_503_naming_the_setting_whatever_the_credential()
    {
        var cases = AccessMatrix.Cases(fixture.AppDirectory, AlertsAppFixture.NewOrganizationId(), AlertsAppFixture.NewOrganizationId());
        int? Unavailable(RouteCase route) => route.Kind == AccessKind.Anonymous ? null : 503;
        await AccessMatrix.AssertAllAsync(fixture.Client, cases,
        [
            new MatrixCredential("none", _ => { }, Unavailable),
            new MatrixCredential("bootstrap key", r => r.Headers.Add("X-Api-Key", KeysAccessAppFixture.BootstrapKey), Unavailable),
            new MatrixCredential("platform admin principal", r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal("p-admin", AccessRoles.Admin)), Unavailable),
        ]);
        using var response = await fixture.Client.GetAsync("api/email/status");
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("WEBSITE_AUTH_ENABLED", detail, StringComparison.Ordinal);
        Assert.Contains("ACCESS_MODE", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_logs_a_critical_line_and_health_still_answers()
    {
        var line = await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("[Access] ACCESS_MODE=entra but App Service Authentication is off", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        using var health = await fixture.Client.GetAsync("api/health");

        Assert.Equal("Critical", line.Level);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

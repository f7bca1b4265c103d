using System.Net;
using System.Net.Http.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>What reaches the worker's logs through the compiled app: never a function key, never a forged line.</summary>
public sealed class LogSafetyEndToEndTests(AlertsAppFixture fixture) : IClassFixture<AlertsAppFixture>
{
    [Fact]
    public async Task A_function_key_in_the_query_string_never_reaches_a_log_line()
    {
        const string key = "fnkey-Zx81Qw77-never-logged";
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var listed = await fixture.Client.GetAsync($"api/organizations/{organizationId}/integrations?code={key}");
        using var health = await fixture.Client.GetAsync($"api/health?code={key}");

        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, listed);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, health);
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.ToString().Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.App.Logs.ProcessOutput, l => l.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Line_breaks_in_incident_fields_are_refused_and_cannot_forge_a_log_entry()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();

        using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents", new
        {
            type = "leak\r\n[IncidentService] Incident forged detected: nothing",
            severity = "low",
            affectedResourceName = "db\nforged-line",
            detectedAt = DateTimeOffset.UtcNow,
        });

        // One-line fields refuse line breaks (issue 29); LogText escapes them in whatever still reaches a log line
        // (rows stored before, vendor answers), as LogTextTests shows.
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.BadRequest, incident);
        var problem = await incident.Content.ReadAsStringAsync();
        Assert.Contains("\"type\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"affectedResourceName\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("forged", StringComparison.Ordinal));
    }
}

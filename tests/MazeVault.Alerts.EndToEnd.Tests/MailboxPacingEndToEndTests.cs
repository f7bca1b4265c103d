using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Every email goes through the sender mailbox's paced destination, whatever its target: a burst of incident-contact
/// emails (none of them on a <c>paced</c> integration) reaches a Graph server that enforces the mailbox's rate with 429s
/// without a single refusal.
/// </summary>
public sealed class MailboxPacingEndToEndTests(MailboxPacingAppFixture fixture) : IClassFixture<MailboxPacingAppFixture>
{
    private const int Contacts = 50;
    private const int Incidents = 10;

    [Fact]
    public async Task A_burst_of_500_emails_goes_out_paced_with_no_429_from_a_rate_enforcing_graph_server()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", MailboxPacingAppFixture.SendMailPath, new FakeResponse(202));
        // Graph refuses past the mailbox's rate, as Exchange Online does past 30 a minute.
        var limit = fixture.Vendor.LimitRate(MailboxPacingAppFixture.SendMailPath, MailboxPacingAppFixture.EmailsPerMinute / 60, TimeSpan.FromSeconds(1));
        for (var i = 0; i < Contacts; i++)
        {
            using var contact = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incident-contacts",
                new { name = $"Responder {i}", email = $"responder{i}@company.com", priority = i + 1 });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, contact);
        }

        for (var i = 0; i < Incidents; i++)
        {
            using var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
                new { type = "unauthorized_access", severity = "high", affectedResourceName = $"resource-{i}", detectedAt = DateTimeOffset.UtcNow });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        }

        var elapsed = Stopwatch.StartNew();
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(120));
        elapsed.Stop();

        Assert.Equal(0, limit.Refused);
        Assert.Equal(Contacts * Incidents, fixture.Vendor.RequestsTo("POST", MailboxPacingAppFixture.SendMailPath).Count);
        // 500 slots at 95% of 100 a second: the burst was spread out, not sent at once.
        Assert.True(elapsed.Elapsed >= TimeSpan.FromSeconds(4.5), $"500 emails went out in {elapsed.Elapsed}");
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("answered 429", StringComparison.Ordinal));
    }
}

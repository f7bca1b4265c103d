using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Issue 29 (1) through the compiled app, whose sample settings configure neither Office365 nor SMTP: email targets are
/// recorded skipped, the other channels deliver, and nothing pages anyone about the email that was switched off.
/// </summary>
public sealed class EmailDisabledEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    [Fact]
    public async Task With_email_switched_off_email_deliveries_are_skipped_without_failure_notice_failure_line_or_retry()
    {
        var org = AlertsAppFixture.NewOrganizationId();
        using var email = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{org}/integrations", new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@example.com" } });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, email);
        using var contact = await fixture.Client.PostAsJsonAsync(
            $"api/organizations/{org}/incident-contacts", new { name = "Ann", email = "ann@example.com", role = "Security Lead", priority = 1 });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, contact);
        var accepted = await fixture.ReportIncidentToSlackAsync(org, $"/services/{org}/B1/hook");
        Assert.Equal(3, accepted.GetProperty("deliveriesQueued").GetInt32());

        var pumped = await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, pumped.Succeeded);
        using var history = await fixture.Client.GetAsync($"api/organizations/{org}/deliveries");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, history);
        // Three deliveries and no fourth: no failure notice was dispatched.
        var deliveries = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(d => (Channel: d.GetProperty("channel").GetString(), Status: d.GetProperty("status").GetString(), Detail: d.GetProperty("detail").GetString(), Attempt: d.GetProperty("attempt").GetInt32()))
            .OrderBy(d => d.Channel).ThenBy(d => d.Detail)
            .ToList();
        Assert.Equal(
            [("Email", "skipped", "email notifications are disabled", 1), ("Email", "skipped", "email notifications are disabled", 1), ("Slack", "delivered", null, 1)],
            deliveries);
        using var skipped = await fixture.Client.GetAsync($"api/organizations/{org}/deliveries?status=skipped");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, skipped);
        Assert.Equal(2, JsonDocument.Parse(await skipped.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("Failed to send Email", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Message.Contains("was recorded failed", StringComparison.Ordinal));
        var queue = fixture.Azurite.CreateQueueClient("alert-deliveries");
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}

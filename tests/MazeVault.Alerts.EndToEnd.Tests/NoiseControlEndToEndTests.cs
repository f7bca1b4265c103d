using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Noise control through the compiled app: the policy and snooze routes, the daily check timer, the delivery queue and
/// local Slack and webhook receivers; a digest integration gets one message, a snoozed certificate none, and a renewed
/// one a "resolved" notice where its alert went.
/// </summary>
public sealed class NoiseControlEndToEndTests(DeliveryAppFixture fixture) : IClassFixture<DeliveryAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(90);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await fixture.Client.SendAsync(request);
    }

    private async Task ExpectAsync(HttpStatusCode status, HttpMethod method, string path, object? body = null)
    {
        using var response = await SendAsync(method, path, body);
        await HostAssert.StatusAsync(fixture.App, status, response);
    }

    private async Task DailyCheckAsync()
    {
        var run = await fixture.App.InvokeTimerAsync("DailyCheck");
        Assert.True(run.Succeeded, run.Error);
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);
    }

    private Task PutCertificateAsync(string org, string id, int daysLeft) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"api/organizations/{org}/certificates/{id}",
        new { subject = $"CN={id}.example.com", notAfter = DateTimeOffset.UtcNow.AddDays(daysLeft), autoRenewalEnabled = false });

    [Fact]
    public async Task Digest_snooze_and_resolve_work_through_the_http_api_the_timer_and_the_queue()
    {
        var org = AlertsAppFixture.NewOrganizationId();
        var slackPath = $"/services/{org}/digest";
        var hookPath = $"/hooks/{org}";
        fixture.Vendor.On("POST", slackPath, FakeResponse.Text(200, "ok"));
        fixture.Vendor.On("POST", hookPath, new FakeResponse(200));
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"api/organizations/{org}/alert-policy", new { resolveNotifications = true });
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"api/organizations/{org}/integrations",
            new { type = "slack", name = "Digest", slackWebhookUrl = fixture.Vendor.Url(slackPath).AbsoluteUri, digest = true });
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"api/organizations/{org}/integrations",
            new { type = "webhook", name = "Per item", webhookUrl = fixture.Vendor.Url(hookPath).AbsoluteUri });
        await PutCertificateAsync(org, "web1", 5);
        await PutCertificateAsync(org, "web2", 12);
        await PutCertificateAsync(org, "web3", 20);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"api/organizations/{org}/snoozes/certificates/web3",
            new { until = DateTimeOffset.UtcNow.AddDays(7), reason = "replacement ordered", owner = "ann@example.com" });
        await ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"api/organizations/{org}/snoozes/certificates/web2",
            new { until = DateTimeOffset.UtcNow.AddDays(40), reason = "too long", owner = "ann@example.com" });

        await DailyCheckAsync();

        var digest = Assert.Single(fixture.Vendor.RequestsTo("POST", slackPath));
        var text = JsonDocument.Parse(digest.Body).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("2 certificate(s) expiring", text, StringComparison.Ordinal);
        Assert.Contains("CN=web1.example.com", digest.Body, StringComparison.Ordinal);
        Assert.Contains("CN=web2.example.com", digest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("CN=web3.example.com", digest.Body, StringComparison.Ordinal);
        var alerts = fixture.Vendor.RequestsTo("POST", hookPath).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("subject").GetString()).ToList();
        Assert.Equal(2, alerts.Count);

        // Renewed: the per-item receiver that got its alert gets one "resolved" notice; a rerun the same day adds nothing else.
        await PutCertificateAsync(org, "web1", 365);
        await DailyCheckAsync();

        Assert.Single(fixture.Vendor.RequestsTo("POST", slackPath));
        var after = fixture.Vendor.RequestsTo("POST", hookPath).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("subject").GetString()!).ToList();
        Assert.Equal(3, after.Count);
        Assert.StartsWith("Resolved: certificate CN=web1.example.com", after[2], StringComparison.Ordinal);

        using var listed = await SendAsync(HttpMethod.Get, $"api/organizations/{org}/snoozes");
        var snooze = Assert.Single(JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("web3", snooze.GetProperty("resourceId").GetString());
        await ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"api/organizations/{org}/snoozes/certificates/web3");
        await ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"api/organizations/{org}/snoozes/certificates/web3");
    }
}

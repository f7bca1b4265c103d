using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MazeVault.Alerts.TestHost;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The worker process killed while the vendor holds its request, then the app started again on the same storage: the
/// delivery ends delivered, sent once more only after the lease (the documented duplicate window), never lost.
/// </summary>
public sealed class WorkerRestartEndToEndTests(WorkerRestartAppFixture fixture) : IClassFixture<WorkerRestartAppFixture>
{
    [Fact]
    public async Task A_worker_killed_mid_send_and_started_again_delivers_after_the_lease_with_one_recognisable_repeat()
    {
        var organizationId = AlertsAppFixture.NewOrganizationId();
        var path = $"/hooks/{organizationId}";
        // The first request is held past the kill; the one after the restart is answered at once.
        fixture.Vendor.OnSequence("POST", path, new FakeResponse(200) { Delay = TimeSpan.FromSeconds(30) }, new FakeResponse(200));
        using (var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/integrations",
                   new { type = "webhook", name = "Receiver", webhookUrl = fixture.Vendor.Url(path).AbsoluteUri }))
        {
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        }

        using (var incident = await fixture.Client.PostAsJsonAsync($"api/organizations/{organizationId}/incidents",
                   new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db", detectedAt = DateTimeOffset.UtcNow }))
        {
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Accepted, incident);
        }

        var pumping = fixture.App.PumpQueuesOnceAsync();
        await Until.TrueAsync(() => fixture.Vendor.RequestsTo("POST", path).Count == 1, TimeSpan.FromSeconds(30));
        fixture.App.KillWorker();
        Assert.Equal(1, (await pumping).Failed);
        await fixture.RestartAsync();

        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(90));

        var received = fixture.Vendor.RequestsTo("POST", path);
        Assert.Equal(2, received.Count);
        // The one repeat carries the first send's webhook-id, so a receiver that honours it drops it.
        Assert.Single(received.Select(r => r.Header("webhook-id")).Distinct());
        var sentAt = received.Select(r => long.Parse(r.Header("webhook-timestamp")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(sentAt[1] - sentAt[0] >= WorkerRestartAppFixture.LeaseSeconds - 1, $"sent again {sentAt[1] - sentAt[0]} s after the first send, inside the lease");

        using var history = await fixture.Client.GetAsync($"api/organizations/{organizationId}/deliveries");
        var delivery = Assert.Single(JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        var poison = fixture.Azurite.CreateQueueClient(FunctionsAppHost.PoisonQueueName("alert-deliveries"));
        Assert.False(await poison.ExistsAsync() && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0);
    }
}

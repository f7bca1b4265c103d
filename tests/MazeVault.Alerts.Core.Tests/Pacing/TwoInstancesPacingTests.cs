using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using static MazeVault.Alerts.Core.Tests.Delivery.EngineHarness;

namespace MazeVault.Alerts.Core.Tests.Pacing;

/// <summary>
/// Two instances (two service providers, each with its own processor and pacer, on one storage account and one queue)
/// deliver to one paced Slack webhook whose local server enforces the rate, on the real clock.
/// </summary>
public sealed class TwoInstancesPacingTests(AzuriteFixture azurite, FakeVendorServerFixture vendors)
    : IClassFixture<AzuriteFixture>, IClassFixture<FakeVendorServerFixture>
{
    private const int Deliveries = 20;

    [Fact]
    public async Task Two_instances_sharing_storage_keep_a_rate_enforcing_slack_webhook_within_its_limit()
    {
        // Slack's one message per second, scaled to 5/s so the test takes seconds; the server allows 5 per second (a bucket of 5).
        var path = $"/slack/{Guid.NewGuid():N}";
        vendors.Server.On("POST", path, FakeResponse.Text(200, "ok"));
        var limit = vendors.Server.LimitRate(path, 5, TimeSpan.FromSeconds(1));
        var queueName = "pacing-" + Guid.NewGuid().ToString("N")[..12];
        ServiceProvider Instance() => TestServices.On(azurite).With("DELIVERY_QUEUE_NAME", queueName).With("PACING_RATE_PERCENT", "500").Build();
        await using var first = Instance();
        await using var second = Instance();
        var organization = "org-" + Guid.NewGuid().ToString("N")[..10];
        await first.GetRequiredService<IIntegrationStore>().CreateAsync(
            Integration("slack1", TestIntegrations.Slack) with
            {
                OrganizationId = organization, Settings = TestIntegrations.SlackSettings(vendors.Server.Url(path).ToString()), Paced = true,
            },
            CancellationToken.None);
        for (var i = 0; i < Deliveries; i++)
        {
            await first.GetRequiredService<IncidentService>().ReportAsync(organization, IncidentRequest($"resource-{i}"), null, CancellationToken.None);
        }

        var ledger = first.GetRequiredService<DeliveryLedger>();
        async Task<bool> AllFinal() => (await ledger.QueryAsync(organization, new DeliveryQuery(), CancellationToken.None).ToListAsync()).Count(d => d.IsFinal) == Deliveries;
        var results = await DeliveryWorkers.RunUntilAsync([first, second], workersPerInstance: 8, AllFinal, TimeSpan.FromSeconds(60));

        Assert.Equal(0, limit.Refused);
        Assert.Equal(Deliveries, vendors.Server.RequestsTo("POST", path).Count);
        var deliveries = await ledger.QueryAsync(organization, new DeliveryQuery(), CancellationToken.None).ToListAsync();
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.Attempt)));
        // Both instances sent, and with 16 handlers some slots were more than the 2 s a handler waits: those went through the queue.
        Assert.All(results, r => Assert.Contains(ProcessResult.Delivered, r));
        Assert.Contains(ProcessResult.Paced, results.SelectMany(r => r));
    }
}

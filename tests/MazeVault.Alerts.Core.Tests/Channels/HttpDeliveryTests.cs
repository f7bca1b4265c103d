using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

public sealed class HttpDeliveryTests(FakeVendorServerFixture fixture) : IClassFixture<FakeVendorServerFixture>
{
    private readonly FakeVendorServer _server = Reset(fixture.Server);

    private static FakeVendorServer Reset(FakeVendorServer server)
    {
        server.Reset();
        return server;
    }

    [Fact]
    public async Task Retry_after_given_as_an_http_date_is_measured_from_the_injected_clock()
    {
        using var host = ChannelTestHost.Create();
        var at = ChannelTestHost.Now.AddMinutes(2);
        _server.On("POST", "/hook", new FakeResponse(503) { Headers = new Dictionary<string, string> { ["Retry-After"] = at.ToString("R") } });
        var target = TestIntegrations.Of("h", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_server.Url("/hook").ToString()), "o");

        var outcome = await host.Channel(TestIntegrations.Webhook).SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(2), Assert.IsType<DeliveryOutcome.Retryable>(outcome).RetryAfter);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_permanent()
    {
        using var host = ChannelTestHost.Create();
        _server.On("POST", "/hook", new FakeResponse(302) { Headers = new Dictionary<string, string> { ["Location"] = _server.Url("/elsewhere").ToString() } });
        var target = TestIntegrations.Of("h", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_server.Url("/hook").ToString()), "o");

        var outcome = await host.Channel(TestIntegrations.Webhook).SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Permanent>(outcome);
        Assert.Empty(_server.RequestsTo("GET", "/elsewhere"));
        Assert.Empty(_server.RequestsTo("POST", "/elsewhere"));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_propagates_instead_of_becoming_an_outcome()
    {
        using var host = ChannelTestHost.Create();
        _server.On("POST", "/hook", new FakeResponse(200) { Delay = TimeSpan.FromSeconds(5) });
        var target = TestIntegrations.Of("h", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_server.Url("/hook").ToString()), "o");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Channel(TestIntegrations.Webhook).SendAsync(Samples.CertificateExpiring(), target, cts.Token));
    }
}

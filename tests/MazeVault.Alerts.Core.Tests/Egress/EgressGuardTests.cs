using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Egress;

/// <summary>
/// The guard where the connection is made: a loopback server reached through every spelling of its address, by a real
/// channel send. Without EGRESS_ALLOWED_NETWORKS the server records nothing; with it, exactly what it names gets through.
/// </summary>
public sealed class EgressGuardTests : IAsyncLifetime
{
    private FakeVendorServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeVendorServer.StartAsync();
        _server.On("POST", "/hook", new FakeResponse(200));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> LoopbackSpellings => new()
    {
        "127.0.0.1", "localhost", "2130706433", "0x7f000001", "127.1", "017700000001", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
    };

    private async Task<DeliveryOutcome> SendAsync(string host, string allowedNetworks)
    {
        using var channels = ChannelTestHost.Create(settings: new Dictionary<string, string?> { ["EGRESS_ALLOWED_NETWORKS"] = allowedNetworks });
        var target = TestIntegrations.Of("hook", WebhookChannel.Type, TestIntegrations.WebhookSettings($"http://{host}:{_server.BaseUrl.Port}/hook"));
        return await channels.Channel(WebhookChannel.Type).SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task Without_an_allow_list_no_spelling_of_a_loopback_address_reaches_the_server(string host)
    {
        var outcome = await SendAsync(host, "");

        Assert.Equal("webhook failed: destination not allowed", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task An_allow_list_naming_loopback_lets_every_spelling_through(string host)
    {
        var outcome = await SendAsync(host, TestNetworks.Loopback);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_allow_list_for_another_network_does_not_open_loopback()
    {
        var outcome = await SendAsync("127.0.0.1", "10.0.0.0/8, 127.0.0.2/32");

        Assert.IsType<DeliveryOutcome.Permanent>(outcome);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_ipv6_loopback_stays_refused_when_only_ipv4_loopback_is_allowed()
    {
        var outcome = await SendAsync("[::1]", TestNetworks.Loopback);

        Assert.Equal("webhook failed: destination not allowed", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Plain_http_to_an_allowed_address_that_is_not_loopback_is_refused_before_connecting()
    {
        // On Linux a connect to 0.0.0.0 reaches this host, so a guard that let the http through would hand the request
        // to the loopback server: the test fails by the server recording it, and no traffic leaves the machine.
        var outcome = await SendAsync("0.0.0.0", "0.0.0.0/8");

        Assert.Equal("webhook failed: plain http not allowed (the URL must be https)", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void A_malformed_allow_list_stops_startup_naming_the_entry()
    {
        using var channels = ChannelTestHost.Create(settings: new Dictionary<string, string?> { ["EGRESS_ALLOWED_NETWORKS"] = "10.0.0.0/8, 10.1.2.3/8" });

        var error = Assert.Throws<OptionsValidationException>(() => channels.Services.GetRequiredService<IOptions<Core.Egress.EgressOptions>>().Value);

        Assert.Contains("'10.1.2.3/8'", error.Message);
    }
}

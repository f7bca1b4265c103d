using System.Net;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Tests.Channels;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Egress;

/// <summary>
/// HTTPS_PROXY set to a loopback proxy that EGRESS_ALLOWED_NETWORKS opens: vendor calls do not go through it, so the guard
/// still judges the destination itself and an internal one is refused before any connection.
/// </summary>
[Collection(nameof(ProcessProxyEnvironment))]
public sealed class EgressProxyTests : IAsyncLifetime
{
    private RecordingProxy _proxy = null!;
    private IWebProxy _previousProxy = null!;

    public Task InitializeAsync()
    {
        _proxy = RecordingProxy.Start();
        _previousProxy = HttpClient.DefaultProxy;
        Environment.SetEnvironmentVariable("HTTPS_PROXY", _proxy.Url.ToString());
        // HttpClient reads HTTPS_PROXY once per process, possibly before this test: set what it makes of it, too.
        HttpClient.DefaultProxy = new WebProxy(_proxy.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        HttpClient.DefaultProxy = _previousProxy;
        Environment.SetEnvironmentVariable("HTTPS_PROXY", null);
        await _proxy.DisposeAsync();
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://169.254.169.254/metadata/identity/oauth2/token")]
    [InlineData("https://[fd00:ec2::254]/latest")]
    public async Task An_internal_destination_is_refused_and_the_proxy_receives_nothing(string url)
    {
        using var channels = ChannelTestHost.Create();
        var target = TestIntegrations.Of("hook", WebhookChannel.Type, TestIntegrations.WebhookSettings(url));

        var outcome = await channels.Channel(WebhookChannel.Type).SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.Equal("webhook failed: destination not allowed", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(_proxy.RequestLines);
    }
}

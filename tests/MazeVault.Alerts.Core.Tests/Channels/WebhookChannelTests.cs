using System.Security.Cryptography;
using System.Text;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

public sealed class WebhookChannelTests(FakeVendorServerFixture fixture) : HttpChannelContractTests(fixture), IClassFixture<FakeVendorServerFixture>
{
    private const string HookPath = "/events/hook-4b1d";
    private const string Query = "token=w3bh00kQueryS3cret";
    // Standard Webhooks secret: whsec_ + Base64 key material.
    private static readonly byte[] SigningKey = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly string SigningSecret = "whsec_" + Convert.ToBase64String(SigningKey);

    protected override string Type => WebhookChannel.Type;
    protected override string Path => HookPath;

    protected override Integration Target(Uri serverBase) => Webhook(serverBase, SigningSecret);

    protected override IEnumerable<string> Secrets(Integration target) =>
        [TestIntegrations.SecretValue(target, "webhookUrl"), Query, "w3bh00kQueryS3cret", SigningSecret, Convert.ToBase64String(SigningKey)];

    private static Integration Webhook(Uri serverBase, string? secret) =>
        TestIntegrations.Of("hook-1", WebhookChannel.Type, TestIntegrations.WebhookSettings(new Uri(serverBase, HookPath.TrimStart('/') + "?" + Query).ToString(), secret), "org-1")
            with { Name = "PagerDuty bridge" };

    [Fact]
    public async Task Posts_the_spec_subject_and_message_fields()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(204));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Webhook(Server.BaseUrl, null), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var request = Assert.Single(Server.RequestsTo("POST", HookPath));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("Certificate CN=example.com expires in 12 days", request.Json["subject"]!.GetValue<string>());
        Assert.Equal("Certificate CN=example.com expires on 2026-04-27.\nAuto-renewal failed: ACME order rejected.", request.Json["message"]!.GetValue<string>());
        Assert.Equal("high", request.Json["severity"]!.GetValue<string>());
        Assert.Null(request.Header("webhook-signature"));
        // Unsigned, it still carries the delivery's id, so a receiver can drop a repeat.
        Assert.StartsWith("msg_", request.Header("webhook-id"));
        Assert.Equal(ChannelTestHost.Now.ToUnixTimeSeconds().ToString(), request.Header("webhook-timestamp"));
    }

    [Fact]
    public async Task With_a_signing_secret_the_body_is_signed_the_standard_webhooks_way()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(200));

        await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        var request = Assert.Single(Server.Requests);
        var id = request.Header("webhook-id")!;
        var timestamp = request.Header("webhook-timestamp")!;
        Assert.StartsWith("msg_", id);
        Assert.Equal(ChannelTestHost.Now.ToUnixTimeSeconds().ToString(), timestamp);
        // Verify as a receiver would: HMAC-SHA256 over "id.timestamp.body" with the decoded key.
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}")));
        Assert.Equal(expected, request.Header("webhook-signature"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_retry_of_a_delivery_carries_the_same_webhook_id_and_other_deliveries_another(bool signed)
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(200));
        var delivery = Samples.CertificateExpiring() with { DeliveryId = "d-0123456789abcdef01234567" };
        var target = signed ? Target(Server.BaseUrl) : Webhook(Server.BaseUrl, null);

        await host.Channel(Type).SendAsync(delivery, target, CancellationToken.None);
        await host.Channel(Type).SendAsync(delivery, target, CancellationToken.None);
        await host.Channel(Type).SendAsync(delivery with { DeliveryId = "d-other" }, target, CancellationToken.None);

        Assert.Equal(
            ["msg_d-0123456789abcdef01234567", "msg_d-0123456789abcdef01234567", "msg_d-other"],
            Server.Requests.Select(r => r.Header("webhook-id")));
    }

    [Fact]
    public async Task A_failing_endpoint_gives_the_status_in_the_reason()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(503));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("webhook failed with status: 503", Assert.IsType<DeliveryOutcome.Retryable>(outcome).Reason);
    }
}

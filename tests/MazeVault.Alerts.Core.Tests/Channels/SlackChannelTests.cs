using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

public sealed class SlackChannelTests(FakeVendorServerFixture fixture) : HttpChannelContractTests(fixture), IClassFixture<FakeVendorServerFixture>
{
    private const string HookPath = "/services/T0001/B0002/sl4ckS3cretT0ken";

    protected override string Type => SlackChannel.Type;
    protected override string Path => HookPath;

    protected override Integration Target(Uri serverBase) => Slack(serverBase, channel: null);

    protected override IEnumerable<string> Secrets(Integration target) => [TestIntegrations.SecretValue(target, "slackWebhookUrl"), HookPath, "sl4ckS3cretT0ken"];

    private static Integration Slack(Uri serverBase, string? channel) =>
        TestIntegrations.Of("slack-1", SlackChannel.Type, TestIntegrations.SlackSettings(new Uri(serverBase, HookPath.TrimStart('/')).ToString(), channel), "org-1")
            with { Name = "Security Slack" };

    [Fact]
    public async Task Posts_block_kit_in_mrkdwn_with_bold_labels_line_breaks_and_a_text_fallback()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(200, "ok"));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var request = Assert.Single(Server.RequestsTo("POST", HookPath));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var body = request.Json;
        Assert.Contains("Certificate CN=example.com expires in 12 days", body["text"]!.GetValue<string>());
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Contains("Certificate CN=example.com expires in 12 days", blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("section", blocks[1]!["type"]!.GetValue<string>());
        Assert.Equal("mrkdwn", blocks[1]!["text"]!["type"]!.GetValue<string>());
        Assert.True(blocks[1]!["text"]!["verbatim"]!.GetValue<bool>());
        Assert.Contains("Auto-renewal failed: ACME order rejected.", blocks[1]!["text"]!["text"]!.GetValue<string>());
        Assert.All(blocks[2]!["fields"]!.AsArray(), f => Assert.Equal(("mrkdwn", true), (f!["type"]!.GetValue<string>(), f["verbatim"]!.GetValue<bool>())));
        var fields = blocks[2]!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("*Certificate*\nCN=example.com", fields);
        Assert.Contains("*Auto-renewal*\nfailed", fields);
        Assert.Null(body["channel"]);
    }

    [Fact]
    public async Task Sends_the_channel_override_only_when_configured()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(200, "ok"));

        await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Slack(Server.BaseUrl, "#security-alerts"), CancellationToken.None);

        Assert.Equal("#security-alerts", Assert.Single(Server.Requests).Json["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Escapes_slack_control_characters_in_the_text_fallback_and_in_every_mrkdwn_block()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(200, "ok"));
        var notification = Samples.CertificateExpiring() with { Message = "Issuer <ACME & Co>", Facts = [new NotificationFact("Issuer", "<ACME & Co>")] };

        await host.Channel(Type).SendAsync(notification, Target(Server.BaseUrl), CancellationToken.None);

        var body = Assert.Single(Server.Requests).Json;
        Assert.EndsWith(": Issuer &lt;ACME &amp; Co&gt;", body["text"]!.GetValue<string>());
        Assert.Equal("Issuer &lt;ACME &amp; Co&gt;", body["blocks"]![1]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("*Issuer*\n&lt;ACME &amp; Co&gt;", body["blocks"]![2]!["fields"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(404, "channel_not_found")]
    [InlineData(410, "channel_is_archived")]
    [InlineData(403, "invalid_token")]
    [InlineData(400, "invalid_payload")]
    public async Task Slack_error_bodies_become_the_specific_permanent_reason(int status, string error)
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(status, error));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal($"slack webhook error: {error}", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
    }

    [Fact]
    public async Task A_missing_webhook_url_is_a_permanent_configuration_error_without_a_request()
    {
        using var host = ChannelTestHost.Create();

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl) with { Settings = new SlackSettings() }, CancellationToken.None);

        Assert.Equal("no webhook_url in Slack integration slack-1", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(Server.Requests);
    }
}

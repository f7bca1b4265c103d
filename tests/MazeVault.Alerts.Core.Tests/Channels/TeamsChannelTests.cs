using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

public sealed class TeamsChannelTests(FakeVendorServerFixture fixture) : HttpChannelContractTests(fixture), IClassFixture<FakeVendorServerFixture>
{
    // Workflows URLs are opaque and signed: the whole URL, path and query, is the secret.
    private const string HookPath = "/workflows/6f1c2d/triggers/manual/paths/invoke";
    private const string Signature = "sig=Tq7mS3cretSignatureValue";

    protected override string Type => TeamsChannel.Type;
    protected override string Path => HookPath;

    protected override Integration Target(Uri serverBase) => Teams(serverBase, TeamsMessageFormat.AdaptiveCard);

    protected override IEnumerable<string> Secrets(Integration target) => [TestIntegrations.SecretValue(target, "teamsWebhookUrl"), HookPath, Signature, "Tq7mS3cretSignatureValue"];

    protected override FakeResponse Answer(int status) => FakeResponse.Text(status, "");

    private static Integration Teams(Uri serverBase, TeamsMessageFormat format) =>
        TestIntegrations.Of("teams-1", TeamsChannel.Type, TestIntegrations.TeamsSettings(new Uri(serverBase, HookPath.TrimStart('/') + "?api-version=1&" + Signature).ToString(), format), "org-1")
            with { Name = "Security Teams" };

    [Fact]
    public async Task Posts_an_adaptive_card_message_and_a_202_with_empty_body_is_delivered()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(202));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var request = Assert.Single(Server.RequestsTo("POST", HookPath));
        Assert.Contains(Signature, request.Query);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var body = request.Json;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = Assert.Single(body["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment.ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var card = attachment["content"]!;
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        Assert.Equal("Full", card["msteams"]!["width"]!.GetValue<string>());
        // Every block is a RichTextBlock of TextRuns, which Teams does not read as Markdown.
        var blocks = card["body"]!.AsArray();
        Assert.All(blocks, b => Assert.Equal("RichTextBlock", b!["type"]!.GetValue<string>()));
        string Run(int block, int run) => blocks[block]!["inlines"]![run]!["text"]!.GetValue<string>();
        Assert.Equal("Certificate CN=example.com expires in 12 days", Run(0, 0));
        Assert.Equal("Bolder", blocks[0]!["inlines"]![0]!["weight"]!.GetValue<string>());
        Assert.Equal("Attention", blocks[0]!["inlines"]![0]!["color"]!.GetValue<string>());
        Assert.Contains("Auto-renewal failed", Run(1, 0));
        Assert.Equal(("Certificate: ", "CN=example.com"), (Run(2, 0), Run(2, 1)));
        Assert.Equal(2 + Samples.CertificateExpiring().Facts.Count, blocks.Count);
    }

    [Fact]
    public async Task Legacy_message_card_is_sent_only_when_chosen_and_200_with_1_is_delivered()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(200, "1"));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Teams(Server.BaseUrl, TeamsMessageFormat.MessageCard), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var body = Assert.Single(Server.Requests).Json;
        Assert.Equal("MessageCard", body["@type"]!.GetValue<string>());
        Assert.Equal("Certificate CN=example.com expires in 12 days", body["summary"]!.GetValue<string>());
        Assert.Null(body["attachments"]);
    }

    [Fact]
    public async Task Legacy_connector_throttling_reported_inside_a_200_is_retryable()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, FakeResponse.Text(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0"));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Teams(Server.BaseUrl, TeamsMessageFormat.MessageCard), CancellationToken.None);

        Assert.Contains("throttled", Assert.IsType<DeliveryOutcome.Retryable>(outcome).Reason);
    }

    [Fact]
    public async Task A_disabled_webhook_gives_the_spec_reason_with_its_status()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", HookPath, new FakeResponse(410));

        var outcome = await host.Channel(Type).SendAsync(Samples.CertificateExpiring(), Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("teams webhook failed with status: 410", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
    }
}

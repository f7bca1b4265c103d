using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// Caller text made of every mention, link and markup a vendor knows, sent through each channel to local vendor servers
/// that refuse what the real ones refuse: every delivery succeeds, and nothing the caller wrote becomes a mention, a link
/// or markup.
/// </summary>
public sealed class HostileContentTests(FakeVendorServerFixture fixture) : IClassFixture<FakeVendorServerFixture>
{
    private const string Hostile = "<!channel> <!here> <!everyone> <@U0123> <#C0123> <https://evil.example|prod-db> *bold* _it_ ~strike~ `code` " +
                                   "[click](https://evil.example) **strong** # heading <b>html</b> & \" ' \\ line\r\nbreak";

    private static Notification Attack() => Samples.CertificateExpiring() with
    {
        Subject = "Incident " + Hostile,
        Message = "Details: " + Hostile,
        Facts = [new NotificationFact("Resource", Hostile), new NotificationFact(Hostile, "value")],
    };

    private readonly FakeVendorServer _server = Reset(fixture.Server);

    private static FakeVendorServer Reset(FakeVendorServer server)
    {
        server.Reset();
        return server;
    }

    /// <summary>Every string value anywhere in a JSON document, with the name of the property holding it.</summary>
    private static IEnumerable<(string Property, JsonObject Owner, string Value)> Strings(JsonNode? node, JsonObject? owner = null, string property = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var s in Strings(child, obj, name))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var s in Strings(item, owner, property))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (property, owner!, text);
                break;
        }
    }

    [Fact]
    public async Task Slack_gets_no_control_sequence_from_caller_text_in_any_text_it_parses()
    {
        using var host = ChannelTestHost.Create();
        // Like Slack: a '<' that opens no valid control sequence in text parsed as mrkdwn is an invalid_payload.
        _server.On("POST", "/slack", request =>
            Strings(request.Json).Any(s => (s.Property == "text" && s.Owner["type"]?.GetValue<string>() is null or "mrkdwn") && s.Value.Contains('<'))
                ? FakeResponse.Text(400, "invalid_payload")
                : FakeResponse.Text(200, "ok"));
        var target = TestIntegrations.Of("s", TestIntegrations.Slack, TestIntegrations.SlackSettings(_server.Url("/slack").ToString()));

        var outcome = await host.Channel(TestIntegrations.Slack).SendAsync(Attack(), target, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var body = Assert.Single(_server.Requests).Json;
        Assert.DoesNotContain("<", body["text"]!.GetValue<string>());
        Assert.Contains("&lt;!channel&gt;", body["text"]!.GetValue<string>());
        // Block text is plain_text (never parsed) or verbatim mrkdwn whose caller text arrives escaped: no '<' opens a
        // mention, channel link or URL label, and Slack turns no bare word into one.
        var texts = Strings(body["blocks"]).Where(s => s.Property == "text" && s.Owner["type"]?.GetValue<string>() is "plain_text" or "mrkdwn").ToList();
        Assert.All(texts.Where(s => s.Owner["type"]!.GetValue<string>() == "mrkdwn"), s =>
        {
            Assert.DoesNotContain("<", s.Value);
            Assert.True(s.Owner["verbatim"]!.GetValue<bool>());
        });
        Assert.Equal("plain_text", body["blocks"]![0]!["text"]!["type"]!.GetValue<string>());
        Assert.Contains(texts, s => s.Value.StartsWith("Details: &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0123&gt; &lt;#C0123&gt; &lt;https://evil.example|prod-db&gt;", StringComparison.Ordinal));
        Assert.Contains(texts, s => s.Value.StartsWith("*Resource*\n&lt;!channel&gt;", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TeamsMessageFormat.AdaptiveCard)]
    [InlineData(TeamsMessageFormat.MessageCard)]
    public async Task Teams_gets_caller_text_only_where_markdown_is_off(TeamsMessageFormat format)
    {
        using var host = ChannelTestHost.Create();
        _server.On("POST", "/teams", new FakeResponse(format == TeamsMessageFormat.AdaptiveCard ? 202 : 200));
        var target = TestIntegrations.Of("t", TestIntegrations.Teams, TestIntegrations.TeamsSettings(_server.Url("/teams").ToString(), format));

        var outcome = await host.Channel(TestIntegrations.Teams).SendAsync(Attack(), target, CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Delivered>(outcome);
        var body = Assert.Single(_server.Requests).Json;
        var hostile = Strings(body).Where(s => s.Value.Contains("[click]")).ToList();
        Assert.NotEmpty(hostile);
        if (format == TeamsMessageFormat.AdaptiveCard)
        {
            // Only TextRuns carry it, and Teams does not read a TextRun as Markdown.
            Assert.All(hostile, s => Assert.Equal("TextRun", s.Owner["type"]!.GetValue<string>()));
            Assert.DoesNotContain(Strings(body), s => s.Value is "TextBlock" or "FactSet");
        }
        else
        {
            Assert.False(body["sections"]![0]!["markdown"]!.GetValue<bool>());
            Assert.All(hostile, s => Assert.True(s.Property is "value" or "name" or "text" or "title" or "summary"));
            Assert.Null(body["text"]);
            // Connectors render a subset of HTML in their text fields: no caller tag or entity arrives as one.
            Assert.All(hostile, s => Assert.DoesNotContain("<", s.Value));
            Assert.Contains(hostile, s => s.Property == "title" && s.Value.Contains("&lt;b&gt;html&lt;/b&gt; &amp;", StringComparison.Ordinal));
            Assert.Equal(["name", "summary", "text", "title", "value"], hostile.Select(s => s.Property).Distinct().Order());
        }
    }

    [Fact]
    public async Task The_webhook_and_jira_carry_caller_text_as_data_only()
    {
        using var host = ChannelTestHost.Create();
        _server.On("POST", "/hook", new FakeResponse(200));
        _server.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray() }));
        _server.On("POST", "/rest/api/3/issue", FakeResponse.Json(201, JiraChannelTests.Created("SEC-7")));
        var hook = TestIntegrations.Of("w", TestIntegrations.Webhook, TestIntegrations.WebhookSettings(_server.Url("/hook").ToString()));

        Assert.IsType<DeliveryOutcome.Delivered>(await host.Channel(TestIntegrations.Webhook).SendAsync(Attack(), hook, CancellationToken.None));
        Assert.IsType<DeliveryOutcome.Delivered>(await host.Channel(TestIntegrations.Jira).SendAsync(Attack(), JiraChannelTests.Jira(_server.BaseUrl), CancellationToken.None));

        Assert.Equal("Details: " + Hostile, Assert.Single(_server.RequestsTo("POST", "/hook")).Json["message"]!.GetValue<string>());
        var description = Assert.Single(_server.RequestsTo("POST", "/rest/api/3/issue")).Json["fields"]!["description"]!;
        // ADF text nodes are literal; a link would need a "link" mark or an inlineCard node, and there is none.
        Assert.DoesNotContain(Strings(description), s => s.Value is "link" or "inlineCard" or "mention");
        Assert.Contains(Strings(description), s => s.Property == "text" && s.Value.Contains("[click](https://evil.example)"));
    }
}

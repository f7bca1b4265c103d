using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Secrets;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class SecretViewTests
{
    private static JsonNode View(Secret secret) => JsonNode.Parse(JsonSerializer.Serialize(secret))!;

    [Fact]
    public void Url_hint_shows_scheme_and_host_but_no_path_or_query()
    {
        var view = View(Secret.Of("https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnop?x=secretquery"));

        Assert.True(view["set"]!.GetValue<bool>());
        Assert.Equal("https://hooks.slack.com/••••", view["hint"]!.GetValue<string>());
    }

    [Fact]
    public void Long_token_hint_shows_at_most_the_last_four_characters() =>
        Assert.Equal("••••WXYZ", Secret.Of("fake-jira-token-long-api-token-WXYZ").Hint);

    [Fact]
    public void Short_secret_hint_reveals_nothing() => Assert.Equal("••••", Secret.Of("short-secret").Hint);

    [Fact]
    public void A_secret_never_prints_or_serializes_its_value()
    {
        var secret = Secret.Of("fake-jira-token-long-api-token-WXYZ");

        Assert.DoesNotContain("long-api-token", secret.ToString());
        Assert.DoesNotContain("long-api-token", JsonSerializer.Serialize(secret));
        Assert.DoesNotContain("long-api-token", new WebhookSettings { WebhookSigningSecret = secret }.ToString());
    }

    [Fact]
    public void View_shows_only_the_types_fields_masks_secrets_and_marks_unset_ones()
    {
        var integration = TestIntegrations.Of("1", TestIntegrations.Webhook,
            TestIntegrations.WebhookSettings("https://api.example.com/hooks/abcdef-secret-path", "whsec_0123456789abcdef"));
        var unsigned = integration with { Settings = TestIntegrations.WebhookSettings("https://api.example.com/hooks/abcdef-secret-path") };

        var view = JsonNode.Parse(JsonSerializer.Serialize(IntegrationView.From(integration), ChannelSettingsJsonForTests.Options))!;
        var unsignedView = JsonNode.Parse(JsonSerializer.Serialize(IntegrationView.From(unsigned), ChannelSettingsJsonForTests.Options))!;

        Assert.Equal("""{"set":true,"hint":"https://api.example.com/••••"}""", view["webhookUrl"]!.ToJsonString(ChannelSettingsJsonForTests.Unescaped));
        Assert.Equal("""{"set":true,"hint":"••••cdef"}""", view["webhookSigningSecret"]!.ToJsonString(ChannelSettingsJsonForTests.Unescaped));
        Assert.Equal("""{"set":false}""", unsignedView["webhookSigningSecret"]!.ToJsonString());
        Assert.Null(view["jiraApiToken"]);
        Assert.Null(view["slackWebhookUrl"]);
        Assert.DoesNotContain("secret-path", view.ToJsonString());
    }

    private static class ChannelSettingsJsonForTests
    {
        public static JsonSerializerOptions Options => Core.Channels.ChannelSettingsJson.Options;
        public static JsonSerializerOptions Unescaped { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}

using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class SecretViewTests
{
    [Fact]
    public void Url_hint_shows_scheme_and_host_but_no_path_or_query()
    {
        var view = SecretView.Of("https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnop?x=secretquery");

        Assert.True(view.Set);
        Assert.Equal("https://hooks.slack.com/••••", view.Hint);
    }

    [Fact]
    public void Long_token_hint_shows_at_most_the_last_four_characters()
    {
        var view = SecretView.Of("fake-jira-token-long-api-token-WXYZ");

        Assert.Equal("••••WXYZ", view.Hint);
    }

    [Fact]
    public void Short_secret_hint_reveals_nothing() => Assert.Equal("••••", SecretView.Of("short-secret").Hint);

    [Fact]
    public void Unset_secret_shows_not_set_without_a_hint()
    {
        Assert.Equal(new SecretView(false, null), SecretView.Of(null));
        Assert.Equal(new SecretView(false, null), SecretView.Of(""));
    }

    [Fact]
    public void View_shows_only_the_types_fields_and_no_secret_value()
    {
        var integration = new Integration
        {
            Id = "1",
            OrganizationId = "org",
            Type = IntegrationType.Webhook,
            Name = "Hook",
            WebhookUrl = "https://api.example.com/hooks/abcdef-secret-path",
            WebhookSigningSecret = "whsec_0123456789abcdef",
            JiraApiToken = "stray-token-that-is-not-of-this-type",
        };

        var view = IntegrationView.From(integration);

        Assert.Equal(new SecretView(true, "https://api.example.com/••••"), view.WebhookUrl);
        Assert.Equal(new SecretView(true, "••••cdef"), view.WebhookSigningSecret);
        Assert.Null(view.JiraApiToken);
        Assert.Null(view.SlackWebhookUrl);
    }
}

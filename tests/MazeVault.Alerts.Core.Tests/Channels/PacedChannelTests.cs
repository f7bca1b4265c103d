using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>What each built-in channel declares for pacing: a destination key that never shows the destination, and its rate.</summary>
public sealed class PacedChannelTests : IDisposable
{
    private readonly ServiceProvider _services = TestServices.On("UseDevelopmentStorage=true")
        .With("SMTP_HOST", "smtp.example.com")
        .With("SMTP_FROM", "Alerts@Example.com")
        .With("PACING_WEBHOOK_PER_MINUTE", "120")
        // The sender mailbox at its documented rate (TestServices leaves it unpaced for the tests that are not about pacing).
        .With("PACING_EMAIL_PER_MINUTE", "30")
        .Build();

    private Task<PacedDestination?> DestinationAsync(Integration integration) =>
        ((IPacedChannel)_services.GetRequiredKeyedService<INotificationChannel>(integration.Type)).DestinationAsync(integration, CancellationToken.None);

    public static TheoryData<string, string> SecretUrls => new()
    {
        { TestIntegrations.Slack, "https://hooks.slack.invalid/services/T0/B0/slack-secret" },
        { TestIntegrations.Teams, "https://teams.invalid/workflows/run?sig=teams-secret" },
        { TestIntegrations.Webhook, "https://hooks.invalid/receiver?token=webhook-secret" },
    };

    private static Integration WithUrl(string type, string url) => TestIntegrations.Of("i1", type, type switch
    {
        TestIntegrations.Slack => TestIntegrations.SlackSettings(url),
        TestIntegrations.Teams => TestIntegrations.TeamsSettings(url),
        _ => TestIntegrations.WebhookSettings(url),
    });

    [Theory]
    [MemberData(nameof(SecretUrls))]
    public async Task A_secret_url_is_one_destination_named_by_its_hash_only(string type, string url)
    {
        var destination = await DestinationAsync(WithUrl(type, url));
        var sameUrlElsewhere = await DestinationAsync(WithUrl(type, url) with { Id = "i2", OrganizationId = "other-org" });
        var otherUrl = await DestinationAsync(WithUrl(type, url + "-2"));

        Assert.NotNull(destination);
        Assert.Matches($"^{type}-[0-9a-f]{{64}}$", destination.Key);
        Assert.DoesNotContain("secret", destination.Key, StringComparison.Ordinal);
        Assert.Equal(destination, sameUrlElsewhere);
        Assert.NotEqual(destination.Key, otherUrl!.Key);
    }

    [Fact]
    public void Every_email_is_paced_whatever_its_paced_flag_while_other_channels_are_paced_only_with_it()
    {
        var pacing = _services.GetRequiredService<MazeVault.Alerts.Core.Pacing.DeliveryPacing>();
        var contact = TestIntegrations.Of("contact:ann", TestIntegrations.Email, TestIntegrations.EmailSettings("ann@example.com"));

        Assert.False(contact.Paced);
        Assert.True(pacing.IsPaced(contact));
        Assert.False(pacing.IsPaced(WithUrl(TestIntegrations.Slack, "https://hooks.slack.invalid/x")));
        Assert.True(pacing.IsPaced(WithUrl(TestIntegrations.Slack, "https://hooks.slack.invalid/x") with { Paced = true }));
    }

    [Fact]
    public async Task Each_channel_declares_its_documented_rate()
    {
        Assert.Equal(PacingRate.PerSecond(1), (await DestinationAsync(WithUrl(TestIntegrations.Slack, "https://hooks.slack.invalid/x")))!.Rate);
        Assert.Equal(PacingRate.PerSecond(4), (await DestinationAsync(WithUrl(TestIntegrations.Teams, "https://teams.invalid/x")))!.Rate);
        Assert.Equal(PacingRate.PerMinute(120), (await DestinationAsync(WithUrl(TestIntegrations.Webhook, "https://hooks.invalid/x")))!.Rate);
        Assert.Equal(JiraChannel.Rate, (await DestinationAsync(TestIntegrations.Of("j1", TestIntegrations.Jira, TestIntegrations.JiraSettings())))!.Rate);
        Assert.Equal(PacingRate.PerMinute(30), (await DestinationAsync(TestIntegrations.Of("e1", TestIntegrations.Email, TestIntegrations.EmailSettings("ops@example.com"))))!.Rate);
    }

    [Fact]
    public async Task Jira_is_paced_per_site_and_email_per_sending_mailbox_whatever_the_integration()
    {
        var site = await DestinationAsync(TestIntegrations.Of("j1", TestIntegrations.Jira, TestIntegrations.JiraSettings("https://acme.atlassian.invalid")));
        var sameSite = await DestinationAsync(TestIntegrations.Of("j2", TestIntegrations.Jira, TestIntegrations.JiraSettings("https://ACME.atlassian.invalid/", projectKey: "OPS")));
        var ops = await DestinationAsync(TestIntegrations.Of("e1", TestIntegrations.Email, TestIntegrations.EmailSettings("ops@example.com")));
        var sec = await DestinationAsync(TestIntegrations.Of("e2", TestIntegrations.Email, TestIntegrations.EmailSettings("sec@example.com")));

        Assert.Equal(site, sameSite);
        Assert.Equal(ops, sec);
        Assert.Equal(PacedDestination.Of(TestIntegrations.Email, "alerts@example.com", PacingRate.PerMinute(30)), ops);
    }

    [Fact]
    public async Task A_missing_destination_setting_names_no_destination()
    {
        Assert.Null(await DestinationAsync(TestIntegrations.Of("s1", TestIntegrations.Slack, new SlackSettings())));
        Assert.Null(await DestinationAsync(TestIntegrations.Of("t1", TestIntegrations.Teams, new TeamsSettings())));
    }

    public void Dispose() => _services.Dispose();
}

using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Secrets;
using MazeVault.Alerts.Core.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>Each channel's settings describe themselves: every property is declared, with the kind its type implies.</summary>
public sealed class ChannelFieldTests
{
    [Fact]
    public void Every_built_in_channel_describes_every_setting_it_stores()
    {
        using var provider = TestServices.On("UseDevelopmentStorage=true").Build();
        var described = provider.GetRequiredService<ChannelCatalog>().Describe();

        Assert.Equal(["jira", "teams", "slack", "webhook", "email"], described.Select(c => c.Type));
        string Fields(string type) => string.Join(", ", described.Single(c => c.Type == type).Fields.Select(f => $"{f.Name}:{f.Kind}{(f.Required ? "!" : "")}"));
        Assert.Equal("jiraBaseUrl:Url!, jiraEmail:Email!, jiraApiToken:Secret!, jiraProjectKey:Text!, jiraResolveTransition:Text, jiraReopenDays:Number", Fields("jira"));
        Assert.Equal("teamsWebhookUrl:SecretUrl!, teamsFormat:Choice", Fields("teams"));
        Assert.Equal("slackWebhookUrl:SecretUrl!, slackChannel:Text", Fields("slack"));
        Assert.Equal("webhookUrl:SecretUrl!, webhookSigningSecret:Secret", Fields("webhook"));
        Assert.Equal("emailRecipients:List!", Fields("email"));
        Assert.Equal(["adaptiveCard", "messageCard"], described.Single(c => c.Type == "teams").Fields[1].Choices);
    }

    [Fact]
    public void A_setting_without_a_declaration_is_refused() =>
        Assert.Contains("UndeclaredSettings.Undeclared has no", Assert.Throws<InvalidOperationException>(() => ChannelField.Of(typeof(UndeclaredSettings))).Message, StringComparison.Ordinal);

    private sealed record UndeclaredSettings : ChannelSettings
    {
        [ChannelField("Token", Required = true)]
        public Secret? Token { get; init; }

        public string? Undeclared { get; init; }

        public override Task<ChannelSettings> ValidateAsync(ChannelSettings? stored, FieldErrors errors, CancellationToken ct) => Task.FromResult<ChannelSettings>(this);
    }
}

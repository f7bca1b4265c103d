using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Slack;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// The OpenAPI schemas of each channel's fields, generated from its declarations: they say what the hand-written
/// document used to say (types, formats, patterns, ranges, which fields a read always has), and what the schema
/// refuses, validation refuses too.
/// </summary>
public sealed class ChannelSchemasTests
{
    private static readonly IReadOnlyList<ChannelDescription> Channels = TestIntegrations.Catalog().Describe();

    private static ChannelDescription Channel(string type) => Channels.Single(c => c.Type == type);

    /// <summary>Each property as "name type[/format][ pattern][ min..max][ maxItems][ enum]" (a secret in a view: "SecretView").</summary>
    private static string[] Shape(JsonObject schema) =>
    [
        .. schema["properties"]!.AsObject().Where(p => p.Key != "type").Select(p =>
        {
            var s = p.Value!.AsObject();
            if (s["$ref"] is { } reference)
            {
                return $"{p.Key} {reference.GetValue<string>().Split('/')[^1]}";
            }

            var type = s["type"]!.GetValue<string>() == "array" ? $"array<{Format(s["items"]!.AsObject())}>" : Format(s);
            return string.Join(' ', new[]
            {
                p.Key, type, s["pattern"]?.GetValue<string>(),
                s["minimum"] is { } min ? $"{min}..{s["maximum"]}" : null,
                s["maxItems"] is { } max ? $"max {max}" : null,
                s["enum"] is JsonArray values ? string.Join('|', values.Select(v => v!.GetValue<string>())) : null,
            }.Where(x => x is not null));
        }),
    ];

    private static string Format(JsonObject schema) =>
        schema["format"] is { } format ? $"{schema["type"]}/{format}" : schema["type"]!.GetValue<string>();

    private static string[] Required(JsonObject schema) => [.. schema["required"]!.AsArray().Select(r => r!.GetValue<string>())];

    public static TheoryData<string, string[], string[]> Expected => new()
    {
        {
            "jira",
            ["jiraBaseUrl string/uri", "jiraEmail string/email", "jiraApiToken string", "jiraProjectKey string ^[A-Z][A-Z0-9_]{1,9}$",
                "jiraResolveTransition string", "jiraReopenDays integer 0..90"],
            ["type", "jiraBaseUrl", "jiraEmail", "jiraApiToken", "jiraProjectKey"]
        },
        { "teams", ["teamsWebhookUrl string", "teamsFormat string adaptiveCard|messageCard"], ["type", "teamsWebhookUrl"] },
        { "slack", ["slackWebhookUrl string", "slackChannel string ^#?[A-Za-z0-9._-]{1,80}$"], ["type", "slackWebhookUrl"] },
        { "webhook", ["webhookUrl string", "webhookSigningSecret string"], ["type", "webhookUrl", "webhookSigningSecret"] },
        { "email", ["emailRecipients array<string/email> max 500"], ["type", "emailRecipients"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_channel_s_request_and_response_fields_come_from_its_declarations(string type, string[] input, string[] viewRequired)
    {
        var channel = Channel(type);

        var request = ChannelSchemas.Input(channel);
        Assert.Equal(input, Shape(request));
        Assert.Equal(["type"], Required(request));
        Assert.Equal(type, request["properties"]!["type"]!["const"]!.GetValue<string>());

        var view = ChannelSchemas.View(channel);
        var secrets = channel.Fields.Where(f => f.Kind is ChannelFieldKind.Secret or ChannelFieldKind.SecretUrl).Select(f => $"{f.Name} SecretView");
        Assert.Equal(input.Select(i => secrets.FirstOrDefault(s => s.Split(' ')[0] == i.Split(' ')[0]) ?? i), Shape(view));
        Assert.Equal(viewRequired, Required(view));
    }

    [Fact]
    public void Secrets_say_they_are_write_only_after_their_help_and_names_are_the_documents_component_names()
    {
        var jira = Channel("jira");
        var token = ChannelSchemas.Input(jira)["properties"]!["jiraApiToken"]!["description"]!.GetValue<string>();
        Assert.StartsWith(jira.Fields.Single(f => f.Name == "jiraApiToken").Help!, token, StringComparison.Ordinal);
        Assert.EndsWith(ChannelSchemas.WriteOnlyNote, token, StringComparison.Ordinal);
        Assert.Equal(("JiraIntegrationFields", "JiraIntegrationViewFields"), (ChannelSchemas.InputName(jira), ChannelSchemas.ViewName(jira)));
    }

    [Theory]
    [InlineData("#security-alerts", true)]
    [InlineData("C0123ABC", true)]
    [InlineData("#bad channel", false)]
    [InlineData("#<script>", false)]
    public async Task A_channel_name_the_schema_pattern_refuses_validation_refuses_too(string name, bool valid)
    {
        var pattern = ChannelSchemas.Input(Channel("slack"))["properties"]!["slackChannel"]!["pattern"]!.GetValue<string>();
        var errors = new Core.Validation.FieldErrors();
        await new SlackSettings { SlackWebhookUrl = Core.Secrets.Secret.Of("https://hooks.slack.com/services/T/B/X"), SlackChannel = name }
            .ValidateAsync(null, errors, CancellationToken.None);

        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(name, pattern));
        Assert.Equal(valid, !errors.Any);
    }
}

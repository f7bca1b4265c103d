using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels.Slack;

/// <summary>Slack incoming webhook: Block Kit in escaped mrkdwn with an escaped <c>text</c> fallback; the channel override is sent only when configured.</summary>
public sealed partial class SlackChannel(HttpDelivery http) : INotificationChannel, IPacedChannel
{
    /// <summary>The integration type this channel serves.</summary>
    public const string Type = "slack";

    /// <summary>Slack allows about one message per second per incoming webhook, then answers 429 with Retry-After.</summary>
    public static readonly PacingRate Rate = PacingRate.PerSecond(1);

    private const string FailurePrefix = "slack webhook error";
    private const int MaxHeaderChars = 150;
    private const int MaxSectionChars = 3000;
    private const int MaxFieldChars = 2000;
    private const int MaxLabelChars = 100;
    private const int MaxFieldsPerSection = 10;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var settings = (SlackSettings)target.Settings;
        if (settings.SlackWebhookUrl is null || !HttpDelivery.TryParseTarget(await settings.SlackWebhookUrl.RevealAsync(ct), out var url))
        {
            return new DeliveryOutcome.Permanent($"no webhook_url in Slack integration {target.Id}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = HttpDelivery.Json(BuildPayload(notification, settings.SlackChannel)) };
        var exchange = await http.ExchangeAsync(request, FailurePrefix, ct);
        return exchange.Failure ?? Interpret(exchange.Answer!);
    }

    public Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        PacedDestination.OfSecretAsync(Type, ((SlackSettings)target.Settings).SlackWebhookUrl, Rate, ct);

    /// <summary>
    /// Block Kit in Slack's mrkdwn: our own labels in bold and line breaks are formatting; every piece of caller or feed
    /// text (subject, message, fact values) is escaped by Slack's rules, so no mention, channel link or URL label can come
    /// of it. The header is plain_text, which Slack never parses.
    /// </summary>
    public static JsonObject BuildPayload(Notification notification, string? channelOverride)
    {
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = ChannelText.Truncate($"{Emoji(notification.Severity)} {notification.Subject}", MaxHeaderChars), ["emoji"] = true },
            },
            new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(notification.Message.Length == 0 ? " " : EscapedWithin(notification.Message, MaxSectionChars)) },
        };
        foreach (var chunk in notification.Facts.Chunk(MaxFieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var fact in chunk)
            {
                var label = $"*{EscapedWithin(fact.Name, MaxLabelChars)}*\n";
                fields.Add(Mrkdwn(label + EscapedWithin(fact.Value.Length == 0 ? "-" : fact.Value, MaxFieldChars - label.Length)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        var payload = new JsonObject
        {
            // With blocks present, text is what notifications and screen readers show; Slack parses it like mrkdwn.
            ["text"] = EscapedWithin($"{notification.Subject}: {notification.Message}", MaxSectionChars),
            ["blocks"] = blocks,
        };
        if (!string.IsNullOrWhiteSpace(channelOverride))
        {
            // Best-effort: app webhooks are bound to one channel and ignore (or reject) this.
            payload["channel"] = channelOverride;
        }

        return payload;
    }

    private static DeliveryOutcome Interpret(HttpAnswer answer)
    {
        // Slack answers failures with a short error code body such as channel_not_found.
        var body = answer.Body.Trim();
        var detail = ErrorCode().IsMatch(body) ? body : answer.StatusText;
        return HttpDelivery.Classify(answer, $"{FailurePrefix}: {detail}", FailurePrefix);
    }

    /// <summary>
    /// mrkdwn with <c>verbatim</c>: Slack then formats our markup but does not turn plain words into links or mentions
    /// (a bare "@here" or "#general" in an incident's details stays text).
    /// </summary>
    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    /// <summary>
    /// Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters; every mention and link starts with &lt;, so
    /// escaping the three neutralises them. Cut before escaping, so that no entity is cut in half.
    /// </summary>
    private static string EscapedWithin(string text, int max)
    {
        var cut = text;
        string escaped;
        while ((escaped = ChannelText.EscapeMarkup(cut)).Length > max)
        {
            cut = ChannelText.Truncate(cut, Math.Max(1, cut.Length - (escaped.Length - max) - 1));
        }

        return escaped;
    }

    private static string Emoji(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => ":rotating_light:",
        NotificationSeverity.High => ":red_circle:",
        NotificationSeverity.Warning => ":warning:",
        _ => ":information_source:",
    };

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex ErrorCode();
}

using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels.Teams;

/// <summary>
/// Teams Workflows webhook with an Adaptive Card (answers 202, empty body). A legacy connector MessageCard only when the
/// integration chose it explicitly; connectors answered 200 "1" and signalled throttling as a 429 inside a 200 body.
/// </summary>
public sealed class TeamsChannel(HttpDelivery http) : INotificationChannel, IPacedChannel
{
    /// <summary>The integration type this channel serves.</summary>
    public const string Type = "teams";

    /// <summary>Teams webhooks were documented at 4 requests per second (connectors); Workflows URLs are paced the same.</summary>
    public static readonly PacingRate Rate = PacingRate.PerSecond(4);

    private const string FailurePrefix = "teams webhook failed";
    // Teams refuses messages above about 28 KB; leave room for the card around the text.
    private const int MaxMessageChars = 20_000;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var settings = (TeamsSettings)target.Settings;
        if (settings.TeamsWebhookUrl is null || !HttpDelivery.TryParseTarget(await settings.TeamsWebhookUrl.RevealAsync(ct), out var url))
        {
            return new DeliveryOutcome.Permanent($"no webhook_url in Teams integration {target.Id}");
        }

        var payload = settings.Format == TeamsMessageFormat.MessageCard ? BuildMessageCard(notification) : BuildAdaptiveCard(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = HttpDelivery.Json(payload) };
        var exchange = await http.ExchangeAsync(request, FailurePrefix, ct);
        if (exchange.Failure is { } failure)
        {
            return failure;
        }

        var answer = exchange.Answer!;
        if (answer.IsSuccess && settings.Format == TeamsMessageFormat.MessageCard && answer.Body.Contains("429", StringComparison.Ordinal))
        {
            return new DeliveryOutcome.Retryable($"{FailurePrefix}: throttled (HTTP 429 in a 200 response)") { Summary = HttpDelivery.Rejected(FailurePrefix, 429), Throttled = true };
        }

        return HttpDelivery.Classify(answer, $"{FailurePrefix} with status: {answer.Status}", FailurePrefix);
    }

    public Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        PacedDestination.OfSecretAsync(Type, ((TeamsSettings)target.Settings).TeamsWebhookUrl, Rate, ct);

    /// <summary>
    /// Caller text (subject, message, facts) goes only into RichTextBlock TextRuns, which Teams does not read as
    /// Markdown: a caller's [label](url) or **bold** stays text. TextBlock and FactSet values would be Markdown.
    /// </summary>
    public static JsonObject BuildAdaptiveCard(Notification notification)
    {
        var severityColor = notification.Severity >= NotificationSeverity.High ? "Attention" : notification.Severity == NotificationSeverity.Warning ? "Warning" : "Default";
        var body = new JsonArray
        {
            RichText(Run(notification.Subject, bold: true, size: "Medium", color: severityColor)),
            RichText(Run(ChannelText.Truncate(notification.Message, MaxMessageChars))),
        };
        foreach (var fact in notification.Facts)
        {
            body.Add(RichText(Run($"{fact.Name}: ", bold: true), Run(fact.Value.Length == 0 ? "-" : fact.Value)));
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    // Workflows require the property to be present, even as null.
                    ["contentUrl"] = null,
                    ["content"] = new JsonObject
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                        ["msteams"] = new JsonObject { ["width"] = "Full" },
                    },
                },
            },
        };
    }

    /// <summary>
    /// The legacy card. Connectors render Markdown and a subset of HTML in the text fields: the section turns Markdown
    /// off, and every caller string is HTML-escaped (title and summary too, whose rendering connectors never documented),
    /// so a caller's &lt;a href&gt;, &lt;b&gt; or [label](url) stays text.
    /// </summary>
    public static JsonObject BuildMessageCard(Notification notification)
    {
        var facts = new JsonArray();
        foreach (var fact in notification.Facts)
        {
            facts.Add(new JsonObject { ["name"] = ChannelText.EscapeMarkup(fact.Name), ["value"] = ChannelText.EscapeMarkup(fact.Value) });
        }

        return new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = ChannelText.EscapeMarkup(notification.Subject),
            ["themeColor"] = notification.Severity >= NotificationSeverity.High ? "D13438" : "FFB900",
            ["title"] = ChannelText.EscapeMarkup(notification.Subject),
            ["sections"] = new JsonArray
            {
                new JsonObject { ["text"] = ChannelText.EscapeMarkup(ChannelText.Truncate(notification.Message, MaxMessageChars)), ["facts"] = facts, ["markdown"] = false },
            },
        };
    }


    private static JsonObject RichText(params JsonObject[] runs) => new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(runs) };

    private static JsonObject Run(string text, bool bold = false, string? size = null, string? color = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (size is not null)
        {
            run["size"] = size;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }
}

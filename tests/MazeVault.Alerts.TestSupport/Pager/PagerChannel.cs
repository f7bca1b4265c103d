using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.TestSupport.Pager;

/// <summary>
/// The test-only plug-in channel: POSTs each notification as a JSON page to its URL, with the routing key as a header,
/// through the app's shared vendor client (egress guard, timeout, status classification) like any built-in channel.
/// </summary>
public sealed class PagerChannel(HttpDelivery http) : INotificationChannel
{
    /// <summary>The integration type it is registered under.</summary>
    public const string Type = "pager";

    public const string DisplayName = "Pager";

    public const string RoutingKeyHeader = "X-Routing-Key";

    private const string FailurePrefix = "pager failed";

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var settings = (PagerSettings)target.Settings;
        if (!HttpDelivery.TryParseTarget(settings.PagerUrl, out var url) || settings.PagerRoutingKey is null)
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: Pager integration {target.Id} has no url or routing key");
        }

        var page = new JsonObject
        {
            ["summary"] = notification.Subject,
            ["details"] = notification.Message,
            ["priority"] = settings.PagerPriority,
            ["test"] = notification.IsTest,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = HttpDelivery.Json(page) };
        request.Headers.Add(RoutingKeyHeader, await settings.PagerRoutingKey.RevealAsync(ct));
        var exchange = await http.ExchangeAsync(request, FailurePrefix, ct);
        var outcome = exchange.Failure ?? HttpDelivery.Classify(exchange.Answer!, $"{FailurePrefix} with status: {exchange.Answer!.Status}", FailurePrefix);
        return outcome is DeliveryOutcome.Delivered ? new DeliveryOutcome.Delivered("paged") : outcome;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Pacing;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels.Webhook;

/// <summary>
/// Generic webhook: POST of the spec's <c>{"subject","message"}</c> with extra fields beside them, signed the
/// Standard Webhooks way (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>) when a signing secret is set.
/// </summary>
public sealed class WebhookChannel(HttpDelivery http, TimeProvider timeProvider, IOptions<PacingOptions> pacing) : INotificationChannel, IPacedChannel
{
    /// <summary>The integration type this channel serves.</summary>
    public const string Type = "webhook";

    private const string FailurePrefix = "webhook failed";
    private const string SecretPrefix = "whsec_";

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var settings = (WebhookSettings)target.Settings;
        if (settings.WebhookUrl is null || !HttpDelivery.TryParseTarget(await settings.WebhookUrl.RevealAsync(ct), out var url))
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: no url in Webhook integration {target.Id}");
        }

        var now = timeProvider.GetUtcNow();
        var body = BuildPayload(notification, now).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // Standard Webhooks: the same id on every retry of a delivery, signed or not, so any receiver can drop repeats.
        var id = $"msg_{notification.DeliveryId ?? Guid.NewGuid().ToString("N")}";
        var timestamp = now.ToUnixTimeSeconds().ToString();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        if (settings.WebhookSigningSecret is { } signingSecret)
        {
            request.Headers.Add("webhook-signature", Sign(await signingSecret.RevealAsync(ct), id, timestamp, body));
        }

        var exchange = await http.ExchangeAsync(request, FailurePrefix, ct);
        return exchange.Failure ?? HttpDelivery.Classify(exchange.Answer!, $"{FailurePrefix} with status: {exchange.Answer!.Status}", FailurePrefix);
    }

    /// <summary>A generic receiver documents no rate: PACING_WEBHOOK_PER_MINUTE says what it takes.</summary>
    public Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        PacedDestination.OfSecretAsync(Type, ((WebhookSettings)target.Settings).WebhookUrl, PacingRate.PerMinute(pacing.Value.WebhookPerMinute), ct);

    public static JsonObject BuildPayload(Notification notification, DateTimeOffset sentAt)
    {
        var facts = new JsonObject();
        foreach (var fact in notification.Facts)
        {
            facts[fact.Name] = fact.Value;
        }

        return new JsonObject
        {
            ["subject"] = notification.Subject,
            ["message"] = notification.Message,
            ["severity"] = notification.Severity.ToString().ToLowerInvariant(),
            ["fingerprint"] = notification.Fingerprint,
            ["facts"] = facts,
            ["sentAt"] = sentAt.ToString("O"),
        };
    }

    /// <summary><c>v1,</c> + Base64 HMAC-SHA256 of <c>id.timestamp.body</c>; a <c>whsec_</c> secret is Base64 key material.</summary>
    public static string Sign(string secret, string id, string timestamp, string body)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : null;
        var buffer = new byte[secret.Length];
        var key = encoded is not null && Convert.TryFromBase64String(encoded, buffer, out var length)
            ? buffer[..length]
            : Encoding.UTF8.GetBytes(secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return $"v1,{Convert.ToBase64String(mac)}";
    }
}

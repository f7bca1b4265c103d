using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Egress;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>
/// Sends one channel request through <see cref="IHttpClientFactory"/> and never throws for a status, a timeout
/// or a connection failure. Failure texts name the vendor and the kind of failure, never the URL (it is a secret).
/// </summary>
public sealed class HttpDelivery(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    /// <summary>The named client every HTTP channel uses (no redirects, no request logging: URLs are secrets).</summary>
    public const string ClientName = "MazeVault.Alerts.Channels";

    // Enough for any vendor answer we parse (JIRA search and issue bodies); more is not read.
    private const int MaxBodyChars = 64 * 1024;

    public async Task<HttpExchange> ExchangeAsync(HttpRequestMessage request, string failurePrefix, CancellationToken ct)
    {
        try
        {
            var client = httpClientFactory.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await ReadBoundedAsync(response.Content, ct);
            return new HttpExchange(new HttpAnswer((int)response.StatusCode, response.ReasonPhrase ?? "", body, RetryAfter(response.Headers.RetryAfter, timeProvider.GetUtcNow())), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
            return new HttpExchange(null, new DeliveryOutcome.Retryable($"{failurePrefix}: request timed out") { Summary = $"{failurePrefix}: timed out" });
        }
        catch (HttpRequestException e) when (EgressRefusedException.In(e) is { } refused)
        {
            // Refused before any connection: an internal address not opened by EGRESS_ALLOWED_NETWORKS, or plain http.
            return new HttpExchange(null, new DeliveryOutcome.Permanent($"{failurePrefix}: {refused.Reason}") { Summary = $"{failurePrefix}: not allowed" });
        }
        catch (HttpRequestException e)
        {
            // The exception message can carry the host and path; only its category is safe to report.
            // The Test action does not tell a closed port from an unknown name or a TLS failure: that would map the network.
            return new HttpExchange(null, new DeliveryOutcome.Retryable($"{failurePrefix}: {Describe(e.HttpRequestError)}") { Summary = $"{failurePrefix}: unreachable" });
        }
    }

    /// <summary>
    /// The shared rule: 2xx delivered; 408, 429 and 5xx retryable (with Retry-After); 401/403 and every other status permanent.
    /// </summary>
    public static DeliveryOutcome Classify(HttpAnswer answer, string reason, string failurePrefix) => answer.Status switch
    {
        >= 200 and < 300 => new DeliveryOutcome.Delivered(),
        408 or 429 or >= 500 => new DeliveryOutcome.Retryable(reason, answer.RetryAfter) { Summary = Rejected(failurePrefix, answer.Status), Throttled = answer.Status == 429 },
        _ => new DeliveryOutcome.Permanent(reason) { Summary = Rejected(failurePrefix, answer.Status) },
    };

    /// <summary>The Test action's words for an answer that was not a success: the status, never the body.</summary>
    public static string Rejected(string failurePrefix, int status) => $"{failurePrefix}: rejected by the destination with status {status}";

    /// <summary>An absolute http(s) URL from an integration field; anything else is a configuration error.</summary>
    public static bool TryParseTarget(string? value, [NotNullWhen(true)] out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    public static HttpContent Json(JsonNode payload) =>
        new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>An HTTP Retry-After (seconds or a date) as a wait from <paramref name="now"/>; null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "host name could not be resolved",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "connection closed before a valid response",
        _ => "request failed",
    };
}

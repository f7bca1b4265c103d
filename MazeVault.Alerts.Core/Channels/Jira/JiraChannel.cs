using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Channels.Jira;

/// <summary>
/// JIRA Cloud REST API v3 with Basic auth (email:API token). A repeat of the same fingerprint comments on the open
/// issue (found by the key we stored, then by a JQL search on the fingerprint label) instead of creating another.
/// </summary>
public sealed partial class JiraChannel(HttpDelivery http, JiraIssueKeys issueKeys) : INotificationChannel, IPacedChannel
{
    /// <summary>The integration type this channel serves.</summary>
    public const string Type = "jira";

    /// <summary>
    /// Atlassian publishes no number for API-token traffic (per-site token buckets per endpoint, per-issue write limits);
    /// its rate-limiting guide sizes an example budget at 10 calls/s. One delivery makes up to four calls (search, create
    /// or comment, transitions), so one delivery per second per site stays well inside it.
    /// </summary>
    public static readonly PacingRate Rate = PacingRate.PerSecond(1);

    private const string FailurePrefix = "jira api error";
    private const int MaxErrorDetailChars = 300;

    public async Task<DeliveryOutcome> SendAsync(Notification notification, Integration target, CancellationToken ct)
    {
        var settings = (JiraSettings)target.Settings;
        var token = settings.JiraApiToken is null ? null : await settings.JiraApiToken.RevealAsync(ct);
        if (!HttpDelivery.TryParseTarget(settings.JiraBaseUrl, out var baseUrl)
            || string.IsNullOrWhiteSpace(settings.JiraEmail) || string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(settings.JiraProjectKey))
        {
            return new DeliveryOutcome.Permanent($"{FailurePrefix}: Jira integration {target.Id} lacks a base URL, email, API token or project key");
        }

        var api = new JiraApi(http, baseUrl, settings.JiraEmail, token);
        if (notification.IsTest)
        {
            var test = await CreateAsync(api, notification, settings.JiraProjectKey, [JiraDocument.AppLabel], ct);
            return test.Failure ?? new DeliveryOutcome.Delivered($"created {test.Value}");
        }

        var label = JiraDocument.FingerprintLabel(notification.Fingerprint);
        var open = await FindOpenIssueAsync(api, target, settings.JiraProjectKey, label, ct);
        if (open.Failure is not null)
        {
            return open.Failure;
        }

        if (open.Value is { } existing)
        {
            var comment = await api.SendAsync(HttpMethod.Post, $"/rest/api/3/issue/{Uri.EscapeDataString(existing)}/comment", JiraDocument.Comment(notification), ct);
            return comment.Failure ?? (comment.Answer!.IsSuccess ? new DeliveryOutcome.Delivered($"commented on {existing}") : Fail(comment.Answer));
        }

        var created = await CreateAsync(api, notification, settings.JiraProjectKey, [JiraDocument.AppLabel, label], ct);
        if (created.Failure is not null)
        {
            return created.Failure;
        }

        await RememberAsync(target, label, created.Value!, ct);
        return new DeliveryOutcome.Delivered($"created {created.Value}");
    }

    /// <summary>The limits count per site, so every integration on one JIRA site shares its pace.</summary>
    public Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        Task.FromResult(((JiraSettings)target.Settings).JiraBaseUrl is { Length: > 0 } site
            ? PacedDestination.Of(Type, site.TrimEnd('/').ToLowerInvariant(), Rate)
            : null);

    /// <summary>The stored key if that issue is still open, else the newest open issue with the label; null when there is none.</summary>
    private async Task<Step> FindOpenIssueAsync(JiraApi api, Integration target, string projectKey, string label, CancellationToken ct)
    {
        var stored = await StoredKeyAsync(target, label, ct);
        if (stored is not null)
        {
            var issue = await api.SendAsync(HttpMethod.Get, $"/rest/api/3/issue/{Uri.EscapeDataString(stored)}?fields=status", null, ct);
            if (issue.Failure is not null)
            {
                return new Step(null, issue.Failure);
            }

            if (issue.Answer!.IsSuccess && !IsDone(issue.Answer.Body))
            {
                return new Step(stored, null);
            }

            if (!issue.Answer.IsSuccess && issue.Answer.Status != 404)
            {
                return new Step(null, Fail(issue.Answer));
            }
        }

        var search = await api.SendAsync(HttpMethod.Post, "/rest/api/3/search/jql", JiraDocument.SearchOpen(projectKey, label), ct);
        if (search.Failure is not null)
        {
            return new Step(null, search.Failure);
        }

        if (!search.Answer!.IsSuccess)
        {
            return new Step(null, Fail(search.Answer));
        }

        var found = ReadString(search.Answer.Body, "issues", 0, "key");
        if (found is not null && found != stored)
        {
            await RememberAsync(target, label, found, ct);
        }

        return new Step(found, null);
    }

    private static async Task<Step> CreateAsync(JiraApi api, Notification notification, string projectKey, string[] labels, CancellationToken ct)
    {
        var create = await api.SendAsync(HttpMethod.Post, "/rest/api/3/issue", JiraDocument.CreateIssue(notification, projectKey, labels), ct);
        if (create.Failure is not null)
        {
            return new Step(null, create.Failure);
        }

        if (!create.Answer!.IsSuccess)
        {
            return new Step(null, Fail(create.Answer));
        }

        // Only a key of JIRA's shape (SEC-123) is kept: it is shown to callers and used in later request paths.
        return ReadString(create.Answer.Body, "key") is { } key && IssueKey().IsMatch(key)
            ? new Step(key, null)
            : new Step(null, new DeliveryOutcome.Permanent($"{FailurePrefix}: {create.Answer.StatusText} without an issue key"));
    }

    // The key store only saves work and duplicates; when storage is unavailable (a failed request, or Azure.Core's
    // AggregateException after its retries) the JQL search still stands.
    private async Task<string?> StoredKeyAsync(Integration target, string label, CancellationToken ct)
    {
        try
        {
            return await issueKeys.GetAsync(target.OrganizationId, target.Id, label, ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException)
        {
            return null;
        }
    }

    private async Task RememberAsync(Integration target, string label, string key, CancellationToken ct)
    {
        try
        {
            await issueKeys.SetAsync(target.OrganizationId, target.Id, label, key, ct);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException)
        {
            // The issue exists either way; the label search finds it next time.
        }
    }

    private static DeliveryOutcome Fail(HttpAnswer answer) =>
        HttpDelivery.Classify(answer, $"{FailurePrefix}: {answer.StatusText}{ErrorDetail(answer.Body)}", FailurePrefix);

    /// <summary>JIRA explains 400/404 in <c>errorMessages</c> and <c>errors</c> (e.g. an unknown project key).</summary>
    private static string ErrorDetail(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var messages = (node?["errorMessages"] as JsonArray ?? []).Select(m => m?.GetValue<string>())
                .Concat((node?["errors"] as JsonObject ?? []).Select(e => $"{e.Key}: {e.Value?.GetValue<string>()}"))
                .Where(m => !string.IsNullOrWhiteSpace(m))
                .ToList();
            return messages.Count == 0 ? "" : ": " + ChannelText.Truncate(string.Join("; ", messages), MaxErrorDetailChars);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return "";
        }
    }

    private static bool IsDone(string issueBody) =>
        string.Equals(ReadString(issueBody, "fields", "status", "statusCategory", "key"), "done", StringComparison.OrdinalIgnoreCase);

    private static string? ReadString(string body, params object[] path)
    {
        try
        {
            var node = JsonNode.Parse(body);
            // An unexpected shape (an array or a string where an object belongs) reads as absent, never as an exception.
            foreach (var step in path)
            {
                node = step is int index ? (node as JsonArray) is { } array && index < array.Count ? array[index] : null : (node as JsonObject)?[(string)step];
            }

            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,9}-[0-9]{1,12}$")]
    private static partial Regex IssueKey();

    private sealed record Step(string? Value, DeliveryOutcome? Failure);

    private sealed class JiraApi(HttpDelivery http, Uri baseUrl, string email, string apiToken)
    {
        private readonly AuthenticationHeaderValue _authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{apiToken}")));

        public async Task<HttpExchange> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
        {
            // A base URL may carry a context path (self-hosted proxies); keep it.
            using var request = new HttpRequestMessage(method, new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery));
            request.Headers.Authorization = _authorization;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = HttpDelivery.Json(body);
            }

            return await http.ExchangeAsync(request, FailurePrefix, ct);
        }
    }
}

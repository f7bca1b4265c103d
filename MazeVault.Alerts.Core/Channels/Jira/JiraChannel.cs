using System.Globalization;
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
/// A resolved notification moves that issue to a done status; an alert soon after it was done reopens it.
/// </summary>
public sealed partial class JiraChannel(HttpDelivery http, JiraIssueKeys issueKeys, TimeProvider timeProvider) : INotificationChannel, IPacedChannel
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
        var mayReopen = notification.Kind == NotificationKind.Alert && settings.ReopenDays > 0;
        var found = await FindIssueAsync(api, target, settings.JiraProjectKey, label, includeDone: mayReopen, ct);
        if (found.Failure is not null)
        {
            return found.Failure;
        }

        return notification.Kind == NotificationKind.Resolved
            ? await ResolveAsync(api, found.Value, notification, settings.JiraResolveTransition, ct)
            : await AlertAsync(api, target, found.Value, notification, settings, label, ct);
    }

    private async Task<DeliveryOutcome> AlertAsync(JiraApi api, Integration target, JiraIssue? issue, Notification notification, JiraSettings settings, string label, CancellationToken ct)
    {
        if (issue is { Done: false })
        {
            return await PostAsync(api, IssuePath(issue.Key, "/comment"), JiraDocument.Comment(notification), ct)
                   ?? new DeliveryOutcome.Delivered($"commented on {issue.Key}");
        }

        if (issue is { Done: true, DoneAt: { } doneAt } && timeProvider.GetUtcNow() - doneAt <= TimeSpan.FromDays(settings.ReopenDays))
        {
            var reopened = await TransitionAsync(api, issue.Key, JiraTransition.Reopening, JiraDocument.Comment(notification, "Reopened by MazeVault: the alert is back."), ct);
            if (reopened.Failure is not null)
            {
                return reopened.Failure;
            }

            if (reopened.Value is not null)
            {
                return new DeliveryOutcome.Delivered($"reopened {issue.Key}");
            }

            // The workflow has no way out of done for us: the alert still needs an issue, so a new one is created.
        }

        var created = await CreateAsync(api, notification, settings.JiraProjectKey!, [JiraDocument.AppLabel, label], ct);
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

    /// <summary>Moves the open issue to done with a comment; a resolve never creates an issue, so without an open one it is done already.</summary>
    private static async Task<DeliveryOutcome> ResolveAsync(JiraApi api, JiraIssue? issue, Notification notification, string? configuredTransition, CancellationToken ct)
    {
        if (issue is not { Done: false })
        {
            return new DeliveryOutcome.Delivered("no open issue to resolve");
        }

        var resolved = await TransitionAsync(
            api, issue.Key, transitions => JiraTransition.Resolving(transitions, configuredTransition),
            JiraDocument.Comment(notification, "Resolved by MazeVault: the resource is healthy again."), ct);
        if (resolved.Failure is not null)
        {
            return resolved.Failure;
        }

        return resolved.Value is { } transition
            ? new DeliveryOutcome.Delivered($"resolved {issue.Key} ({transition.Name})")
            : new DeliveryOutcome.Permanent(configuredTransition is null
                ? $"{FailurePrefix}: no transition to a done status for {issue.Key}"
                : $"{FailurePrefix}: no transition named \"{configuredTransition}\" for {issue.Key}");
    }

    /// <summary>
    /// Takes the transition <paramref name="choose"/> picks from the issue's transitions, then comments. The comment is a
    /// request of its own, not part of the transition's <c>update</c>: Jira refuses fields in a transition whose workflow
    /// has no screen for them, while a comment request works on any workflow. Value null: nothing fitted, nothing was sent.
    /// </summary>
    private static async Task<Step<JiraTransition>> TransitionAsync(
        JiraApi api, string key, Func<IReadOnlyList<JiraTransition>, JiraTransition?> choose, JsonObject comment, CancellationToken ct)
    {
        var listed = await api.SendAsync(HttpMethod.Get, IssuePath(key, "/transitions"), null, ct);
        if (listed.Failure is not null || !listed.Answer!.IsSuccess)
        {
            return new Step<JiraTransition>(null, listed.Failure ?? Fail(listed.Answer!));
        }

        if (choose(JiraTransition.ReadAll(JiraJson.Parse(listed.Answer.Body))) is not { } transition)
        {
            return new Step<JiraTransition>(null, null);
        }

        // Transition first: a retry after a failed comment then finds the issue already moved and does not move it twice.
        var failure = await PostAsync(api, IssuePath(key, "/transitions"), JiraDocument.Transition(transition.Id), ct)
                      ?? await PostAsync(api, IssuePath(key, "/comment"), comment, ct);
        return failure is null ? new Step<JiraTransition>(transition, null) : new Step<JiraTransition>(null, failure);
    }

    /// <summary>Null when JIRA accepted it, else the classified failure.</summary>
    private static async Task<DeliveryOutcome?> PostAsync(JiraApi api, string path, JsonObject body, CancellationToken ct)
    {
        var sent = await api.SendAsync(HttpMethod.Post, path, body, ct);
        return sent.Failure ?? (sent.Answer!.IsSuccess ? null : Fail(sent.Answer));
    }

    /// <summary>
    /// The open issue of the label: the stored key if that issue is still open, else the newest open issue with the label.
    /// With <paramref name="includeDone"/> and none open, the newest done one (the stored issue when we know it is done).
    /// Null when there is none.
    /// </summary>
    private async Task<Step<JiraIssue>> FindIssueAsync(JiraApi api, Integration target, string projectKey, string label, bool includeDone, CancellationToken ct)
    {
        var stored = await StoredKeyAsync(target, label, ct);
        JiraIssue? storedDone = null;
        if (stored is not null)
        {
            var issue = await api.SendAsync(HttpMethod.Get, IssuePath(stored, $"?fields={JiraDocument.IssueFields}"), null, ct);
            if (issue.Failure is not null)
            {
                return new Step<JiraIssue>(null, issue.Failure);
            }

            if (issue.Answer!.IsSuccess)
            {
                var node = JiraJson.Parse(issue.Answer.Body);
                var read = JiraIssue.Read(stored, node, JiraIssue.IsDone(node));
                if (!read.Done)
                {
                    return new Step<JiraIssue>(read, null);
                }

                storedDone = read;
            }
            else if (issue.Answer.Status != 404)
            {
                return new Step<JiraIssue>(null, Fail(issue.Answer));
            }
        }

        var open = await SearchAsync(api, target, JiraDocument.SearchOpen(projectKey, label), listsDone: false, label, stored, ct);
        // The search lags behind the issue itself: an issue we just read as done may still be listed as open.
        if (open.Failure is not null || (open.Value is { } listed && listed.Key != storedDone?.Key))
        {
            return open;
        }

        if (!includeDone || storedDone is not null)
        {
            return new Step<JiraIssue>(storedDone, null);
        }

        return await SearchAsync(api, target, JiraDocument.SearchDone(projectKey, label), listsDone: true, label, stored, ct);
    }

    /// <summary>
    /// The first issue a label search finds, remembered as the label's issue when it is not the stored one. Whether it is
    /// done is what the query asked for (<paramref name="listsDone"/>), whatever fields the answer carries.
    /// </summary>
    private async Task<Step<JiraIssue>> SearchAsync(JiraApi api, Integration target, JsonObject query, bool listsDone, string label, string? stored, CancellationToken ct)
    {
        var search = await api.SendAsync(HttpMethod.Post, "/rest/api/3/search/jql", query, ct);
        if (search.Failure is not null || !search.Answer!.IsSuccess)
        {
            return new Step<JiraIssue>(null, search.Failure ?? Fail(search.Answer!));
        }

        var first = JiraJson.At(JiraJson.Parse(search.Answer.Body), "issues", 0);
        if (JiraJson.String(first, "key") is not { } key)
        {
            return new Step<JiraIssue>(null, null);
        }

        if (key != stored)
        {
            await RememberAsync(target, label, key, ct);
        }

        return new Step<JiraIssue>(JiraIssue.Read(key, first, listsDone), null);
    }

    private static async Task<Step<string>> CreateAsync(JiraApi api, Notification notification, string projectKey, string[] labels, CancellationToken ct)
    {
        var create = await api.SendAsync(HttpMethod.Post, "/rest/api/3/issue", JiraDocument.CreateIssue(notification, projectKey, labels), ct);
        if (create.Failure is not null || !create.Answer!.IsSuccess)
        {
            return new Step<string>(null, create.Failure ?? Fail(create.Answer!));
        }

        // Only a key of JIRA's shape (SEC-123) is kept: it is shown to callers and used in later request paths.
        return JiraJson.String(JiraJson.Parse(create.Answer.Body), "key") is { } key && IssueKey().IsMatch(key)
            ? new Step<string>(key, null)
            : new Step<string>(null, new DeliveryOutcome.Permanent($"{FailurePrefix}: {create.Answer.Status} without an issue key"));
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
        HttpDelivery.Classify(answer, Reason(answer), FailurePrefix);

    /// <summary>
    /// The spec's wording, "jira api error: 401", then Jira's own error messages in brackets. A refused login (401, 403)
    /// gets none: Jira's text adds nothing there and can name the account.
    /// </summary>
    private static string Reason(HttpAnswer answer) =>
        answer.Status is 401 or 403 || ErrorDetail(answer.Body) is not { Length: > 0 } detail
            ? $"{FailurePrefix}: {answer.Status}"
            : $"{FailurePrefix}: {answer.Status} ({detail})";

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
            return messages.Count == 0 ? "" : ChannelText.Truncate(string.Join("; ", messages), MaxErrorDetailChars);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return "";
        }
    }

    private static string IssuePath(string key, string rest) => $"/rest/api/3/issue/{Uri.EscapeDataString(key)}{rest}";

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,9}-[0-9]{1,12}$")]
    private static partial Regex IssueKey();

    private sealed record Step<T>(T? Value, DeliveryOutcome? Failure) where T : class;

    /// <summary>An issue as far as we need it: whether it is done, and since when (its resolution date, else when its status category last changed).</summary>
    private sealed record JiraIssue(string Key, bool Done, DateTimeOffset? DoneAt)
    {
        public static JiraIssue Read(string key, JsonNode? issue, bool done) =>
            new(key, done, done ? Date(issue, "resolutiondate") ?? Date(issue, "statuscategorychangedate") : null);

        public static bool IsDone(JsonNode? issue) =>
            string.Equals(JiraJson.String(issue, "fields", "status", "statusCategory", "key"), JiraTransition.Done, StringComparison.OrdinalIgnoreCase);

        // Jira writes "2026-04-14T09:30:00.000+0000", which DateTimeOffset reads.
        private static DateTimeOffset? Date(JsonNode? issue, string field) =>
            DateTimeOffset.TryParse(JiraJson.String(issue, "fields", field), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

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

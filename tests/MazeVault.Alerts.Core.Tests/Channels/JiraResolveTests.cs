using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>
/// Issue 13 part 3: a resolved notification moves the alert's JIRA issue to a done status through its transitions; an
/// alert for an issue done within <c>jiraReopenDays</c> reopens it, a later one opens a new issue.
/// </summary>
public sealed class JiraResolveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Issue = "/rest/api/3/issue/SEC-1";
    private const string Transitions = Issue + "/transitions";
    private const string Comments = Issue + "/comment";
    private const string Search = "/rest/api/3/search/jql";

    private FakeVendorServer _jira = null!;
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _jira = await FakeVendorServer.StartAsync();
        _host = ChannelTestHost.Create(azurite.ConnectionString);
        JiraChannelTests.ServeProject(_jira);
        _jira.ServeJiraTransitions("SEC-1", ("11", "Start progress", "indeterminate"), ("21", "Done", "done"), ("31", "Won't do", "done"));
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _jira.DisposeAsync();
    }

    private static FakeResponse NoIssues => FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray(), ["isLast"] = true });

    private static string Label => JiraDocument.FingerprintLabel(Samples.CertificateExpiring().Fingerprint);

    private INotificationChannel Channel => _host.Channel(TestIntegrations.Jira);

    // Each test its own integration id, so rows in the shared Azurite table do not meet.
    private Integration Target(Func<JiraSettings, JiraSettings>? configure = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var target = JiraChannelTests.Jira(_jira.BaseUrl, id: $"jira-{test.GetHashCode():x8}");
        return configure is null ? target : target with { Settings = configure((JiraSettings)target.Settings) };
    }

    private Task<DeliveryOutcome> SendAsync(Notification notification, Integration target) => Channel.SendAsync(notification, target, CancellationToken.None);

    /// <summary>The alert that creates SEC-1 and stores its key, as the daily check's first alert does.</summary>
    private async Task<Integration> AlertedAsync(Integration target)
    {
        Assert.Equal("created SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(await SendAsync(Samples.CertificateExpiring(), target)).Detail);
        return target;
    }

    /// <summary>SEC-1 was done at the fake clock's now; its workflow leads back to "In progress" or "To do".</summary>
    private void IssueDoneNow()
    {
        _jira.On("GET", Issue, JiraChannelTests.Issue("SEC-1", "done", resolved: _host.Time.GetUtcNow()));
        _jira.ServeJiraTransitions("SEC-1", ("11", "Start progress", "indeterminate"), ("41", "Reopen", "new"), ("51", "Close", "done"));
    }

    private static List<string> CommentTexts(RecordedRequest comment) =>
        comment.Json["body"]!["content"]!.AsArray().SelectMany(p => p!["content"]!.AsArray()).Select(t => t!["text"]!.GetValue<string>()).ToList();

    private static bool SearchesDone(RecordedRequest request) =>
        request.Path == Search && request.Json["jql"]!.GetValue<string>().Contains("statusCategory = Done");

    private string TransitionTaken() => Assert.Single(_jira.RequestsTo("POST", Transitions)).Json["transition"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task Resolve_moves_the_open_issue_to_done_through_the_first_done_transition_and_comments()
    {
        var target = await AlertedAsync(Target());

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        Assert.Equal("resolved SEC-1 (Done)", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Equal("21", TransitionTaken());
        var texts = CommentTexts(Assert.Single(_jira.RequestsTo("POST", Comments)));
        Assert.Equal("Resolved by MazeVault: the resource is healthy again.", texts[0]);
        Assert.Contains("Resolved: Certificate CN=example.com was renewed", texts);
        Assert.Single(_jira.RequestsTo("POST", "/rest/api/3/issue"));
    }

    [Fact]
    public async Task Resolve_takes_the_configured_transition_matched_ignoring_case()
    {
        var target = await AlertedAsync(Target(s => s with { JiraResolveTransition = "WON'T do" }));

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        Assert.Equal("resolved SEC-1 (Won't do)", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Equal("31", TransitionTaken());
        Assert.Single(_jira.RequestsTo("POST", Comments));
    }

    [Fact]
    public async Task Resolve_with_no_open_issue_sends_nothing_and_creates_nothing()
    {
        var outcome = await SendAsync(Samples.CertificateResolved(), Target());

        Assert.Equal("no open issue to resolve", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        var search = Assert.Single(_jira.Requests);
        Assert.Equal(("POST", Search), (search.Method, search.Path));
        Assert.Contains("statusCategory != Done", search.Json["jql"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_of_an_issue_that_is_done_already_moves_nothing()
    {
        var target = await AlertedAsync(Target());
        IssueDoneNow();

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        Assert.Equal("no open issue to resolve", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Empty(_jira.RequestsTo("GET", Transitions));
        Assert.Empty(_jira.RequestsTo("POST", Transitions));
        Assert.Empty(_jira.RequestsTo("POST", Comments));
    }

    /// <summary>A configured transition the issue does not offer is not replaced by another done transition.</summary>
    [Theory]
    [InlineData(null, "jira api error: no transition to a done status for SEC-1")]
    [InlineData("Resolve as fixed", "jira api error: no transition named \"Resolve as fixed\" for SEC-1")]
    public async Task Resolve_without_the_transition_it_needs_is_permanent_with_the_reason_and_moves_nothing(string? configured, string reason)
    {
        var target = await AlertedAsync(Target(s => s with { JiraResolveTransition = configured }, test: $"missing-{configured}"));
        if (configured is null)
        {
            _jira.ServeJiraTransitions("SEC-1", ("11", "Start progress", "indeterminate"), ("61", "Back to do", "new"));
        }

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        Assert.Equal(reason, Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Empty(_jira.RequestsTo("POST", Transitions));
        Assert.Empty(_jira.RequestsTo("POST", Comments));
    }

    [Fact]
    public async Task A_429_on_the_transition_is_retryable_after_jiras_retry_after_and_comments_nothing()
    {
        var target = await AlertedAsync(Target());
        _jira.On("POST", Transitions, new FakeResponse(429) { Headers = new Dictionary<string, string> { ["Retry-After"] = "30" } });

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        var retryable = Assert.IsType<DeliveryOutcome.Retryable>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), retryable.RetryAfter);
        Assert.StartsWith("jira api error: 429", retryable.Reason);
        Assert.Empty(_jira.RequestsTo("POST", Comments));
    }

    [Theory]
    [InlineData(401, typeof(DeliveryOutcome.Permanent))]
    [InlineData(404, typeof(DeliveryOutcome.Permanent))]
    [InlineData(503, typeof(DeliveryOutcome.Retryable))]
    public async Task Listing_the_transitions_is_classified_like_every_jira_call(int status, Type expected)
    {
        var target = await AlertedAsync(Target(test: $"listing-{status}"));
        _jira.On("GET", Transitions, new FakeResponse(status));

        var outcome = await SendAsync(Samples.CertificateResolved(), target);

        Assert.IsType(expected, outcome);
        Assert.Empty(_jira.RequestsTo("POST", Transitions));
    }

    [Fact]
    public async Task An_alert_within_the_reopen_window_reopens_the_done_issue_with_a_comment_instead_of_creating()
    {
        var target = await AlertedAsync(Target());
        IssueDoneNow();
        _host.Time.Advance(TimeSpan.FromDays(6));

        var outcome = await SendAsync(Samples.CertificateExpiring(), target);

        Assert.Equal("reopened SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Equal("41", TransitionTaken()); // "To do" before "In progress"
        var texts = CommentTexts(Assert.Single(_jira.RequestsTo("POST", Comments)));
        Assert.Equal("Reopened by MazeVault: the alert is back.", texts[0]);
        Assert.Contains("Auto-renewal failed: ACME order rejected.", texts);
        Assert.Single(_jira.RequestsTo("POST", "/rest/api/3/issue"));
    }

    [Fact]
    public async Task An_issue_the_lagging_search_still_lists_as_open_is_reopened_once_read_as_done()
    {
        var target = await AlertedAsync(Target());
        IssueDoneNow();
        _jira.On("POST", Search, FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray(new JsonObject { ["id"] = "10001", ["key"] = "SEC-1" }), ["isLast"] = true }));

        var outcome = await SendAsync(Samples.CertificateExpiring(), target);

        Assert.Equal("reopened SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Equal("41", TransitionTaken());
    }

    [Fact]
    public async Task An_alert_after_the_reopen_window_creates_a_new_issue()
    {
        var target = await AlertedAsync(Target());
        IssueDoneNow();
        _host.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var outcome = await SendAsync(Samples.CertificateExpiring(), target);

        Assert.Equal("created SEC-2", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Empty(_jira.RequestsTo("GET", Transitions));
        Assert.Empty(_jira.RequestsTo("POST", Comments));
    }

    [Fact]
    public async Task The_window_is_the_integrations_jiraReopenDays_and_0_never_reopens()
    {
        var longWindow = await AlertedAsync(Target(s => s with { JiraReopenDays = 30 }));
        IssueDoneNow();
        _host.Time.Advance(TimeSpan.FromDays(20));

        var reopened = await SendAsync(Samples.CertificateExpiring(), longWindow);
        var sent = _jira.Requests.Count;
        var never = await SendAsync(Samples.CertificateExpiring(), Target(s => s with { JiraReopenDays = 0 }, test: "never"));

        Assert.Equal("reopened SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(reopened).Detail);
        Assert.Equal("created SEC-2", Assert.IsType<DeliveryOutcome.Delivered>(never).Detail);
        Assert.DoesNotContain(_jira.Requests.Skip(sent), SearchesDone);
    }

    [Fact]
    public async Task Without_a_stored_key_the_label_search_finds_the_recently_done_issue_to_reopen()
    {
        var doneAt = _host.Time.GetUtcNow() - TimeSpan.FromDays(2);
        _jira.On("POST", Search, request => SearchesDone(request)
            ? FakeResponse.Json(200, new JsonObject
            {
                // A workflow that sets no resolution: when the status category changed is the time it was done.
                ["issues"] = new JsonArray(new JsonObject { ["id"] = "10001", ["key"] = "SEC-1", ["fields"] = new JsonObject { ["statuscategorychangedate"] = JiraChannelTests.JiraDate(doneAt) } }),
                ["isLast"] = true,
            })
            : NoIssues);
        IssueDoneNow();

        var outcome = await SendAsync(Samples.CertificateExpiring(), Target());

        Assert.Equal("reopened SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Equal(
            [
                $"project = \"SEC\" AND labels = \"{Label}\" AND statusCategory != Done ORDER BY created DESC",
                $"project = \"SEC\" AND labels = \"{Label}\" AND statusCategory = Done ORDER BY created DESC",
            ],
            _jira.RequestsTo("POST", Search).Select(r => r.Json["jql"]!.GetValue<string>()));
        Assert.Empty(_jira.RequestsTo("POST", "/rest/api/3/issue"));
    }

    [Fact]
    public async Task An_open_issue_still_gets_a_comment_and_no_done_search()
    {
        var target = await AlertedAsync(Target());
        var sent = _jira.Requests.Count;

        var outcome = await SendAsync(Samples.CertificateExpiring(), target);

        Assert.Equal("commented on SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Empty(_jira.RequestsTo("GET", Transitions));
        Assert.DoesNotContain(_jira.Requests.Skip(sent), SearchesDone);
    }

    [Fact]
    public async Task The_fake_jira_takes_only_a_documented_transition_body_with_an_id_the_issue_offers()
    {
        var http = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        async Task<int> PostAsync(string body) =>
            (int)(await http.PostAsync(_jira.Url(Transitions), new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).StatusCode;

        Assert.Equal(204, await PostAsync("""{"transition":{"id":"21"}}"""));
        Assert.Equal(400, await PostAsync("""{"transition":{"id":"99"}}"""));
        Assert.Equal(400, await PostAsync("""{"transition":"21"}"""));
        Assert.Equal(400, await PostAsync("""{"id":"21"}"""));
    }
}

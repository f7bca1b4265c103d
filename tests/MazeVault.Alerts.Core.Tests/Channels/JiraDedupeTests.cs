using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

/// <summary>No duplicate JIRA issues: the stored key (Table Storage on Azurite) first, then JQL on the fingerprint label.</summary>
public sealed class JiraDedupeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FakeVendorServer _jira = null!;
    private ChannelTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _jira = await FakeVendorServer.StartAsync();
        _host = ChannelTestHost.Create(azurite.ConnectionString);
        JiraChannelTests.ServeProject(_jira);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _jira.DisposeAsync();
    }

    private INotificationChannel Channel => _host.Channel(TestIntegrations.Jira);

    // Each test its own integration id, so rows in the shared Azurite table do not meet.
    private Integration Target([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        JiraChannelTests.Jira(_jira.BaseUrl, id: $"jira-{test.GetHashCode():x8}");

    [Fact]
    public async Task Second_alert_with_the_same_fingerprint_comments_on_the_open_issue_instead_of_creating()
    {
        var target = Target();

        var first = await Channel.SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);
        var second = await Channel.SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.Equal("created SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(first).Detail);
        Assert.Equal("commented on SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(second).Detail);
        Assert.Single(_jira.RequestsTo("POST", "/rest/api/3/issue"));
        var comment = Assert.Single(_jira.RequestsTo("POST", "/rest/api/3/issue/SEC-1/comment"));
        Assert.Equal("doc", comment.Json["body"]!["type"]!.GetValue<string>());
        Assert.NotNull(comment.Header("Authorization"));
    }

    [Fact]
    public async Task The_fingerprint_label_search_finds_an_open_issue_we_have_no_stored_key_for()
    {
        _jira.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject
        {
            ["issues"] = new JsonArray(new JsonObject { ["id"] = "10001", ["key"] = "SEC-1" }),
            ["isLast"] = true,
        }));

        var outcome = await Channel.SendAsync(Samples.CertificateExpiring(), Target(), CancellationToken.None);

        Assert.Equal("commented on SEC-1", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Empty(_jira.RequestsTo("POST", "/rest/api/3/issue"));
        var jql = Assert.Single(_jira.RequestsTo("POST", "/rest/api/3/search/jql")).Json["jql"]!.GetValue<string>();
        var label = JiraDocument.FingerprintLabel(Samples.CertificateExpiring().Fingerprint);
        Assert.Equal($"project = \"SEC\" AND labels = \"{label}\" AND statusCategory != Done ORDER BY created DESC", jql);
    }

    [Fact]
    public async Task A_repeat_after_the_issue_was_done_creates_a_new_issue()
    {
        var target = Target();
        await Channel.SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);
        _jira.On("GET", "/rest/api/3/issue/SEC-1", JiraChannelTests.Issue("SEC-1", "done"));

        var outcome = await Channel.SendAsync(Samples.CertificateExpiring(), target, CancellationToken.None);

        Assert.Equal("created SEC-2", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        Assert.Empty(_jira.RequestsTo("POST", "/rest/api/3/issue/SEC-1/comment"));
    }

    [Fact]
    public async Task Different_fingerprints_get_their_own_issues()
    {
        var target = Target();

        await Channel.SendAsync(Samples.CertificateExpiring("cert-expiry:org-1:cert-1"), target, CancellationToken.None);
        await Channel.SendAsync(Samples.CertificateExpiring("cert-expiry:org-1:cert-2"), target, CancellationToken.None);

        var labels = _jira.RequestsTo("POST", "/rest/api/3/issue").Select(r => r.Json["fields"]!["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Last()).ToList();
        Assert.Equal(2, labels.Count);
        Assert.NotEqual(labels[0], labels[1]);
    }

    [Fact]
    public async Task Test_sends_create_a_new_issue_every_time()
    {
        var target = Target();
        var test = Samples.CertificateExpiring() with { Subject = "Test Notification from MazeVault", IsTest = true };

        await Channel.SendAsync(test, target, CancellationToken.None);
        await Channel.SendAsync(test, target, CancellationToken.None);

        Assert.Equal(2, _jira.RequestsTo("POST", "/rest/api/3/issue").Count);
        Assert.Empty(_jira.RequestsTo("POST", "/rest/api/3/search/jql"));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.TestSupport.Vendors;

namespace MazeVault.Alerts.Core.Tests.Channels;

public sealed class JiraChannelTests(FakeVendorServerFixture fixture) : HttpChannelContractTests(fixture), IClassFixture<FakeVendorServerFixture>
{
    internal const string ApiToken = "ATATT3xJiraS3cretApiToken";
    internal const string Email = "operator@company.com";

    protected override string Type => JiraChannel.Type;
    protected override string Path => "/rest/api/3/issue";

    // Contract tests go straight to "create" (a test send skips deduplication); JiraDedupeTests covers the rest.
    protected override Notification Notification => Samples.CertificateExpiring() with { IsTest = true };

    protected override FakeResponse Answer(int status) =>
        FakeResponse.Json(status, status < 300 ? Created("SEC-1") : new JsonObject { ["errorMessages"] = new JsonArray("failed") });

    // 204 and 205 cannot carry the created issue's key, so JIRA never answers a create that way: it is not a delivery.
    protected override Type ExpectedOutcome(int status) => status is 204 or 205 ? typeof(DeliveryOutcome.Permanent) : base.ExpectedOutcome(status);

    protected override Integration Target(Uri serverBase) => Jira(serverBase);

    protected override IEnumerable<string> Secrets(Integration target) =>
        [ApiToken, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"))];

    internal static Integration Jira(Uri serverBase, string id = "jira-1") =>
        TestIntegrations.Of(id, JiraChannel.Type, TestIntegrations.JiraSettings(serverBase.ToString().TrimEnd('/'), ApiToken, Email), "org-1") with { Name = "Security JIRA" };

    internal static JsonObject Created(string key) => new() { ["id"] = "10001", ["key"] = key, ["self"] = $"https://company.atlassian.net/rest/api/3/issue/{key}" };

    /// <summary>
    /// A JIRA project on <paramref name="jira"/>: creating issues answers SEC-1, SEC-2, …; the label search finds nothing;
    /// SEC-1 is in progress and takes comments.
    /// </summary>
    internal static void ServeProject(FakeVendorServer jira)
    {
        var created = 0;
        jira.On("POST", "/rest/api/3/issue", _ => FakeResponse.Json(201, Created($"SEC-{Interlocked.Increment(ref created)}")));
        jira.On("POST", "/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray(), ["isLast"] = true }));
        jira.On("GET", "/rest/api/3/issue/SEC-1", Issue("SEC-1", "indeterminate"));
        jira.On("POST", "/rest/api/3/issue/SEC-1/comment", FakeResponse.Json(201, new JsonObject { ["id"] = "100" }));
    }

    /// <summary>
    /// <c>GET /rest/api/3/issue/{key}</c>'s answer: its status category, and for a done issue the time it was resolved, written
    /// as Jira writes dates (<c>2026-04-15T09:30:00.000+0000</c>).
    /// </summary>
    internal static FakeResponse Issue(string key, string statusCategory, DateTimeOffset? resolved = null)
    {
        var fields = new JsonObject { ["status"] = new JsonObject { ["name"] = "x", ["statusCategory"] = new JsonObject { ["key"] = statusCategory } } };
        if (resolved is { } at)
        {
            fields["resolutiondate"] = JiraDate(at);
        }

        return FakeResponse.Json(200, new JsonObject { ["key"] = key, ["fields"] = fields });
    }

    internal static string JiraDate(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Creates_a_task_with_basic_auth_labels_and_an_atlassian_document_description()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", "/rest/api/3/issue", FakeResponse.Json(201, Created("SEC-7")));

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("created SEC-7", Assert.IsType<DeliveryOutcome.Delivered>(outcome).Detail);
        var request = Assert.Single(Server.RequestsTo("POST", "/rest/api/3/issue"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}")), request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        var fields = request.Json["fields"]!;
        Assert.Equal("SEC", fields["project"]!["key"]!.GetValue<string>());
        Assert.Equal("Task", fields["issuetype"]!["name"]!.GetValue<string>());
        Assert.Equal("Certificate CN=example.com expires in 12 days", fields["summary"]!.GetValue<string>());
        Assert.All(fields["labels"]!.AsArray(), l => Assert.DoesNotContain(" ", l!.GetValue<string>()));
        var description = fields["description"]!;
        Assert.Equal("doc", description["type"]!.GetValue<string>());
        Assert.Equal(1, description["version"]!.GetValue<int>());
        var paragraphs = description["content"]!.AsArray();
        Assert.All(paragraphs, p => Assert.Equal("paragraph", p!["type"]!.GetValue<string>()));
        var texts = paragraphs.SelectMany(p => p!["content"]!.AsArray()).Select(t => (t!["type"]!.GetValue<string>(), t["text"]!.GetValue<string>())).ToList();
        Assert.All(texts, t => Assert.Equal("text", t.Item1));
        Assert.Contains(("text", "Auto-renewal failed: ACME order rejected."), texts);
        Assert.Contains(("text", "CN=example.com"), texts);
    }

    [Fact]
    public async Task A_summary_longer_than_255_characters_is_cut_to_255()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", "/rest/api/3/issue", FakeResponse.Json(201, Created("SEC-8")));

        await host.Channel(Type).SendAsync(Notification with { Subject = new string('x', 400) }, Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal(255, Assert.Single(Server.Requests).Json["fields"]!["summary"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task A_rejected_token_gives_the_spec_reason()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", "/rest/api/3/issue", new FakeResponse(401));

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("jira api error: 401", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
    }

    [Fact]
    public async Task A_wrong_project_key_reports_jiras_own_explanation()
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", "/rest/api/3/issue", FakeResponse.Json(400, new JsonObject
        {
            ["errorMessages"] = new JsonArray(),
            ["errors"] = new JsonObject { ["project"] = "valid project is required" },
        }));

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("jira api error: 400 (project: valid project is required)", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
    }

    /// <summary>An exception would be retried by the queue, and the retry would create the issue a second time.</summary>
    [Theory]
    [InlineData("[]")]
    [InlineData("\"created\"")]
    [InlineData("{\"key\":[\"SEC-1\"]}")]
    public async Task A_created_answer_of_an_unexpected_json_shape_is_permanent_not_an_exception(string body)
    {
        using var host = ChannelTestHost.Create();
        Server.On("POST", "/rest/api/3/issue", new FakeResponse(201, body));

        var outcome = await host.Channel(Type).SendAsync(Notification, Target(Server.BaseUrl), CancellationToken.None);

        Assert.Equal("jira api error: 201 without an issue key", Assert.IsType<DeliveryOutcome.Permanent>(outcome).Reason);
        Assert.Single(Server.RequestsTo("POST", "/rest/api/3/issue"));
    }
}

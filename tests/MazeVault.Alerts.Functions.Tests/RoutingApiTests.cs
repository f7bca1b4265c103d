using MazeVault.Alerts.Functions;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>Routes through the integrations API, and the explain endpoint.</summary>
public sealed class RoutingApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Route = """{"kinds":["incident"],"minSeverity":"high","include":["prod-*"],"exclude":["*-test"]}""";
    private readonly ApiHarness _api = new(azurite);
    private IntegrationsApi Integrations => _api.Function<IntegrationsApi>();
    private RoutingApi Routing => _api.Function<RoutingApi>();

    private Task<ApiResponse> CreateAsync(string org, string route) => ApiHarness.SendAsync(
        _api.Request($$"""{"type":"email","name":"Mail","emailRecipients":["a@example.com"]{{route}}}"""), r => Integrations.Create(r, org, CancellationToken.None));

    private Task<ApiResponse> ExplainAsync(string org, string body) =>
        ApiHarness.SendAsync(_api.Request(body), r => Routing.Explain(r, org, CancellationToken.None));

    [Fact]
    public async Task A_route_is_stored_shown_normalized_with_its_sentence_kept_when_omitted_and_cleared_with_an_empty_object()
    {
        var org = ApiHarness.NewOrganization();
        var created = await CreateAsync(org, ""","route":{"kinds":["Incident","incident"],"minSeverity":"HIGH","include":[" prod-* "],"exclude":["*-test"]}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var renamed = await ApiHarness.SendAsync(
            _api.Request("""{"type":"email","name":"Renamed","emailRecipients":["a@example.com"]}""", created.ETag), r => Integrations.Update(r, org, id, CancellationToken.None));
        var cleared = await ApiHarness.SendAsync(
            _api.Request("""{"type":"email","name":"Renamed","emailRecipients":["a@example.com"],"route":{}}""", renamed.ETag), r => Integrations.Update(r, org, id, CancellationToken.None));

        Assert.Equal(201, created.Status);
        var route = created.Json.GetProperty("route");
        Assert.Equal(["incident"], route.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("high", route.GetProperty("minSeverity").GetString());
        Assert.Equal(["prod-*"], route.GetProperty("include").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["*-test"], route.GetProperty("exclude").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Incidents of severity high or above on resources matching prod-*, except those matching *-test", created.Json.GetProperty("routeDescription").GetString());
        Assert.Equal(created.Json.GetProperty("route").ToString(), renamed.Json.GetProperty("route").ToString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Json.GetProperty("route").ValueKind);
        Assert.Equal("Every alert", cleared.Json.GetProperty("routeDescription").GetString());
    }

    public static TheoryData<string, string> MalformedRoutes => new()
    {
        { ""","route":{"kinds":["incident","weekly_report"]}""", "route.kinds[1]" },
        { ""","route":{"minSeverity":"urgent"}""", "route.minSeverity" },
        { $$""","route":{"include":["prod-*","stage-*","{{new string('a', 1000)}}"]}""", "route.include[2]" },
        { $$""","route":{"exclude":[{{string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"p{i}-*\""))}}]}""", "route.exclude" },
        { ""","route":{"include":["prod-[0-9]"]}""", "route.include[0]" },
        { ""","route":{"include":"prod-*"}""", "route.include" },
        { ""","route":"prod-*" """, "route" },
    };

    [Theory]
    [MemberData(nameof(MalformedRoutes))]
    public async Task A_malformed_route_is_a_400_naming_the_field_and_nothing_is_written(string route, string field)
    {
        var org = ApiHarness.NewOrganization();
        var good = await CreateAsync(org, "");
        var id = good.Json.GetProperty("id").GetString()!;

        var created = await CreateAsync(org, route);
        var updated = await ApiHarness.SendAsync(
            _api.Request($$"""{"type":"email","name":"Changed","emailRecipients":["a@example.com"]{{route}}}""", good.ETag), r => Integrations.Update(r, org, id, CancellationToken.None));
        var listed = await ApiHarness.SendAsync(_api.Request(), r => Integrations.List(r, org, CancellationToken.None));

        created.AssertProblem(400);
        updated.AssertProblem(400);
        Assert.Equal([field], created.ProblemFields());
        Assert.Equal([field], updated.ProblemFields());
        var only = Assert.Single(listed.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("Mail", only.GetProperty("name").GetString());
        Assert.Equal(good.ETag, only.GetProperty("etag").GetString());
    }

    [Fact]
    public async Task Explain_answers_for_every_target_in_delivery_order_whether_it_receives_the_alert_and_why_not()
    {
        var org = ApiHarness.NewOrganization();
        var routed = await CreateAsync(org, $$""","route":{{Route}}""");
        var open = await ApiHarness.SendAsync(
            _api.Request("""{"type":"slack","name":"Off","slackWebhookUrl":"https://hooks.slack.com/services/x","active":false}"""), r => Integrations.Create(r, org, CancellationToken.None));

        var medium = await ExplainAsync(org, """{"kind":"incident","severity":"medium","resourceName":"prod-db"}""");
        var high = await ExplainAsync(org, """{"kind":"incident","severity":"high","resourceName":"prod-db"}""");

        Assert.Equal(200, medium.Status);
        Assert.Equal("incident", medium.Json.GetProperty("kind").GetString());
        Assert.Equal("medium", medium.Json.GetProperty("severity").GetString());
        var targets = medium.Json.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(
            ["integration:" + open.Json.GetProperty("id").GetString(), "integration:" + routed.Json.GetProperty("id").GetString()],
            targets.Select(t => t.GetProperty("target").GetString()));
        Assert.Equal(["inactive", "route.minSeverity"], targets.Select(t => t.GetProperty("excludedBy").GetString()));
        Assert.Equal("Severity medium is below high.", targets[1].GetProperty("reason").GetString());
        Assert.Equal([false, true], high.Json.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("receives").GetBoolean()));
    }

    public static TheoryData<string, string[]> BadSamples => new()
    {
        { """{}""", ["kind", "severity", "resourceName"] },
        { """{"kind":"weekly_report","severity":"high","resourceName":"x"}""", ["kind"] },
        { """{"kind":"incident","severity":"urgent","resourceName":"x"}""", ["severity"] },
        { """{"kind":"incident","resourceName":"x"}""", ["severity"] },
        { $$"""{"kind":"incident","severity":"low","resourceName":"{{new string('x', 201)}}"}""", ["resourceName"] },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public async Task A_bad_sample_is_a_400_naming_each_field(string body, string[] fields)
    {
        var response = await ExplainAsync(ApiHarness.NewOrganization(), body);

        response.AssertProblem(400);
        Assert.Equal(fields, response.ProblemFields());
    }

    [Fact]
    public async Task A_resolved_sample_needs_no_severity()
    {
        var response = await ExplainAsync(ApiHarness.NewOrganization(), """{"kind":"resolved","resourceName":"prod-db"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("severity").ValueKind);
    }
}

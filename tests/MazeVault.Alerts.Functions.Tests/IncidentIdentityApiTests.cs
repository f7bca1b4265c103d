using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>POST incidents: the incident's identity, with and without an Idempotency-Key (IETF httpapi draft).</summary>
public sealed class IncidentIdentityApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _org = ApiHarness.NewOrganization();
    private static readonly DateTimeOffset DetectedAt = ApiHarness.Start.AddMinutes(-30);

    private static object Body(string severity = "high", string details = "read from unknown IP") => new
    {
        type = "unauthorized_access", severity, affectedResourceName = "prod-db", detectedAt = DetectedAt, changeDetails = details,
    };

    private async Task<ApiHarness> HarnessAsync()
    {
        var api = new ApiHarness(azurite, new Dictionary<string, string?> { ["ADMIN_EMAIL"] = "", ["TEAMS_WEBHOOK_URL"] = "" });
        var store = api.Services.GetRequiredService<IIntegrationStore>();
        await store.CreateAsync(TestIntegrations.Of("slack1", TestIntegrations.Slack, TestIntegrations.SlackSettings("https://hooks.slack.invalid/a"), _org), CancellationToken.None);
        await store.CreateAsync(TestIntegrations.Of("hook1", TestIntegrations.Webhook, TestIntegrations.WebhookSettings("https://hooks.invalid/b"), _org), CancellationToken.None);
        return api;
    }

    private Task<ApiResponse> PostAsync(ApiHarness api, object body, params string[] keys)
    {
        var request = api.Request(body);
        if (keys.Length > 0)
        {
            request.Headers[IdempotencyStore.HeaderName] = keys;
        }

        return ApiHarness.SendAsync(request, r => api.Function<Incidents>().Create(r, _org, CancellationToken.None));
    }

    private async Task<int> DeliveryCountAsync(ApiHarness api) =>
        (await api.Services.GetRequiredService<DeliveryLedger>().QueryAsync(_org, new DeliveryQuery(), CancellationToken.None).ToListAsync()).Count;

    [Fact]
    public async Task The_same_key_and_body_answer_the_same_status_and_body_and_queue_nothing_twice()
    {
        var api = await HarnessAsync();

        var first = await PostAsync(api, Body(), "key-1");
        var repeat = await PostAsync(api, Body(), "key-1");

        Assert.Equal(202, first.Status);
        Assert.Equal(2, first.Json.GetProperty("deliveriesQueued").GetInt32());
        Assert.Equal((first.Status, first.Body), (repeat.Status, repeat.Body));
        Assert.Equal(2, await DeliveryCountAsync(api));
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422_naming_the_header_and_writes_nothing()
    {
        var api = await HarnessAsync();
        await PostAsync(api, Body(), "key-1");
        var before = await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org);

        var reused = await PostAsync(api, Body(severity: "critical"), "key-1");

        reused.AssertProblem(422);
        Assert.Contains(IdempotencyStore.HeaderName, reused.Json.GetProperty("title").GetString());
        Assert.Equal(before, await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org));
    }

    [Fact]
    public async Task A_repeat_while_the_first_request_runs_answers_409_and_afterwards_the_first_answer()
    {
        var api = await HarnessAsync();
        var fingerprint = new Incident("", _org, "unauthorized_access", NotificationSeverity.High, "high", "prod-db", DetectedAt, "read from unknown IP").Fingerprint();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource<IncidentAccepted>();
        // The first request, held inside its work after it claimed the key.
        var first = api.Services.GetRequiredService<IdempotencyStore>().RunAsync(_org, IncidentService.Rule, "key-1", fingerprint, () =>
        {
            started.SetResult();
            return release.Task;
        }, CancellationToken.None);
        await started.Task;

        var during = await PostAsync(api, Body(), "key-1");
        release.SetResult(new IncidentAccepted("inc-first", 7));
        await first;
        var after = await PostAsync(api, Body(), "key-1");

        during.AssertProblem(409);
        Assert.Equal(202, after.Status);
        Assert.Equal("inc-first", after.Json.GetProperty("incidentId").GetString());
        Assert.Equal(7, after.Json.GetProperty("deliveriesQueued").GetInt32());
        Assert.Equal(0, await DeliveryCountAsync(api));
    }

    [Fact]
    public async Task Another_key_with_the_same_body_is_another_request()
    {
        var api = await HarnessAsync();

        var first = await PostAsync(api, Body(), "key-1");
        var second = await PostAsync(api, Body(), "key-2");

        Assert.NotEqual(first.Json.GetProperty("incidentId").GetString(), second.Json.GetProperty("incidentId").GetString());
        Assert.Equal(2, second.Json.GetProperty("deliveriesQueued").GetInt32());
    }

    [Theory]
    [InlineData("severity", "critical")]
    [InlineData("details", "a different change")]
    public async Task Without_a_key_incidents_that_differ_in_any_field_are_two_incidents_and_both_notify(string field, string value)
    {
        var api = await HarnessAsync();

        var first = await PostAsync(api, Body());
        var other = await PostAsync(api, field == "severity" ? Body(severity: value) : Body(details: value));
        var retried = await PostAsync(api, Body());

        Assert.NotEqual(first.Json.GetProperty("incidentId").GetString(), other.Json.GetProperty("incidentId").GetString());
        Assert.Equal(2, other.Json.GetProperty("deliveriesQueued").GetInt32());
        Assert.Equal(first.Json.GetProperty("incidentId").GetString(), retried.Json.GetProperty("incidentId").GetString());
        Assert.Equal(0, retried.Json.GetProperty("deliveriesQueued").GetInt32());
        var audit = await api.Services.GetRequiredService<AuditLog>().ReadAsync(_org, new AuditQuery(), CancellationToken.None);
        Assert.Equal(2, audit.Items.Count(e => e.EventType == AuditLog.IncidentDetected));
    }

    public static TheoryData<string[]> BadKeys => new()
    {
        { new[] { new string('k', IdempotencyStore.MaxKeyLength + 1) } },
        { new[] { "clé-1" } },
        { new[] { "key\t1" } },
        { new[] { " key-1" } },
        { new[] { "" } },
        { new[] { "key-1", "key-2" } },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_key_answers_400_naming_the_header_and_writes_nothing(string[] keys)
    {
        var api = await HarnessAsync();
        var before = await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org);

        var response = await PostAsync(api, Body(), keys);

        Assert.Equal([IdempotencyStore.HeaderName], response.ProblemFields());
        Assert.Equal(before, await StorageSnapshot.OfOrganizationAsync(azurite.ConnectionString, _org));
        Assert.Equal(0, await DeliveryCountAsync(api));
    }
}

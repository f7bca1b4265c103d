using MazeVault.Alerts.Core.Rules;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Functions.Tests;

/// <summary>GET audit-events: filters, newest first, pages with an opaque continuation token, 400 naming a bad parameter.</summary>
public sealed class AuditEventsApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _org = ApiHarness.NewOrganization();
    private readonly ApiHarness _api = new(azurite);

    private static readonly DateTimeOffset T0 = ApiHarness.Start.AddDays(-3);

    /// <summary>Five events an hour apart: three incidents (two on prod-db) and a snooze that started and ended.</summary>
    private async Task RecordAsync()
    {
        var incidents = _api.Services.GetRequiredService<IncidentService>();
        foreach (var (hours, resource) in new[] { (0, "prod-db"), (2, "billing-api"), (4, "prod-db") })
        {
            await incidents.ReportAsync(_org, new IncidentRequest
            {
                Type = "unauthorized_access", Severity = "high", AffectedResourceName = resource, DetectedAt = T0.AddHours(hours),
            }, null, CancellationToken.None);
        }

        var audit = _api.Services.GetRequiredService<AuditLog>();
        await audit.RecordAsync(new AuditEvent(_org, "ALERT_SNOOZED", T0.AddHours(1), "c:cert-1", new Dictionary<string, string> { ["ResourceId"] = "cert-1", ["Owner"] = "ann@example.com" }), CancellationToken.None);
        await audit.RecordAsync(new AuditEvent(_org, "ALERT_SNOOZE_ENDED", T0.AddHours(3), "c:cert-1", new Dictionary<string, string> { ["ResourceId"] = "cert-1", ["Why"] = "ended by the API" }), CancellationToken.None);
    }

    private Task<ApiResponse> GetAsync(string query)
    {
        var request = _api.Request();
        request.Method = "GET";
        request.QueryString = new QueryString(query);
        return ApiHarness.SendAsync(request, r => _api.Function<AuditEventsApi>().List(r, _org, CancellationToken.None));
    }

    private static List<DateTimeOffset> Times(ApiResponse response) =>
        response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("occurredAt").GetDateTimeOffset()).ToList();

    [Fact]
    public async Task Events_come_newest_first_with_their_details()
    {
        await RecordAsync();

        var response = await GetAsync("");

        Assert.Equal(200, response.Status);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(h => T0.AddHours(h)), Times(response));
        var newest = response.Json.GetProperty("items")[0];
        Assert.Equal(AuditLog.IncidentDetected, newest.GetProperty("eventType").GetString());
        Assert.StartsWith("inc-", newest.GetProperty("subjectId").GetString());
        Assert.Equal("prod-db", newest.GetProperty("details").GetProperty("affectedResourceName").GetString());
        Assert.Equal("high", newest.GetProperty("details").GetProperty("severity").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("continuationToken").ValueKind);
    }

    [Theory]
    [InlineData("?type=INCIDENT_DETECTED", new[] { 4, 2, 0 })]
    [InlineData("?type=ALERT_SNOOZE_ENDED", new[] { 3 })]
    [InlineData("?resource=prod-db", new[] { 4, 0 })]
    [InlineData("?resource=cert-1", new[] { 3, 1 })]
    [InlineData("?resource=c:cert-1&type=ALERT_SNOOZED", new[] { 1 })]
    [InlineData("?from=2026-11-24T10:00:00Z&to=2026-11-24T11:00:00Z", new[] { 1 })]
    [InlineData("?from=2026-11-24T11:00:00Z", new[] { 4, 3, 2 })]
    [InlineData("?to=2026-11-24T12:00:00%2B02:00", new[] { 0 })]
    public async Task Filters_select_by_type_resource_and_time(string query, int[] hours)
    {
        await RecordAsync();

        var response = await GetAsync(query);

        Assert.Equal(200, response.Status);
        Assert.Equal(hours.Select(h => T0.AddHours(h)), Times(response));
    }

    [Fact]
    public async Task Pages_follow_the_continuation_token_to_every_event_once()
    {
        await RecordAsync();
        var seen = new List<DateTimeOffset>();
        var pages = 0;
        string? token = null;

        do
        {
            var response = await GetAsync("?limit=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(200, response.Status);
            Assert.True(Times(response).Count <= 2);
            seen.AddRange(Times(response));
            token = response.Json.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(h => T0.AddHours(h)), seen);
    }

    [Theory]
    [InlineData("?type=incident%20detected", "type")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01T00:00:00Z", "to")]
    [InlineData("?from=2026-11-24T12:00:00Z&to=2026-11-24T11:00:00Z", "to")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?continuationToken=not-ours", "continuationToken")]
    [InlineData("?type=INCIDENT_DETECTED&type=ALERT_SNOOZED", "type")]
    public async Task A_bad_parameter_answers_400_naming_it(string query, string parameter)
    {
        var response = await GetAsync(query);

        Assert.Equal([parameter], response.ProblemFields());
    }
}

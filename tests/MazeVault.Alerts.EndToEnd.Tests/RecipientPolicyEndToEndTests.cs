using System.Net;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// Through the compiled app: a submitter (the vault's feed) cannot make the service email an address organization A's
/// admin did not allow, and reports past the incident quota are answered 429 with Retry-After.
/// </summary>
public sealed class RecipientPolicyEndToEndTests(RecipientPolicyAppFixture fixture) : IClassFixture<RecipientPolicyAppFixture>
{
    private static readonly TimeSpan PumpTimeout = TimeSpan.FromSeconds(60);

    private string Org => fixture.OrganizationA;

    private static object FailedConfig(string id, params string[] emails) =>
        new { id, secretName = $"{id}-password", status = "failed", lastError = "vault answered 503", notificationEmails = emails };

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private IEnumerable<string> MailedAddresses() => fixture.Smtp.Received.SelectMany(m => m.Recipients);

    [Fact]
    public async Task A_submitter_writing_or_importing_outside_addresses_gets_422_and_nothing_is_written_or_sent_until_the_admin_allows_the_domain()
    {
        using var put = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Put, $"api/organizations/{Org}/rotation-configs/payroll",
            FailedConfig("payroll", "owner@company.com", "victim@attacker.test"));
        var putProblem = await ProblemAsync(put, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["notificationEmails[1]"], putProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var import = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Post, $"api/organizations/{Org}/inventory/import",
            new { rotationConfigs = new[] { FailedConfig("db", "owner@company.com"), FailedConfig("cache", "victim@partner.test") } });
        var importProblem = await ProblemAsync(import, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["rotationConfigs[1].notificationEmails[0]"], importProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        // The submitter cannot widen the policy itself.
        using var forbidden = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Put, $"api/organizations/{Org}/recipient-policy",
            new { allowedDomains = new[] { "attacker.test" } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);
        Assert.Empty(MailedAddresses());
        using var history = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Get, $"api/organizations/{Org}/deliveries");
        Assert.Empty(JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray());

        using var policy = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Put, $"api/organizations/{Org}/recipient-policy",
            new { allowedDomains = new[] { "company.com", "partner.test" } });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        using var read = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Get, $"api/organizations/{Org}/recipient-policy");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);

        using var allowed = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Post, $"api/organizations/{Org}/inventory/import",
            new { rotationConfigs = new[] { FailedConfig("db", "owner@company.com"), FailedConfig("cache", "dba@partner.test") } });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await fixture.App.PumpQueuesUntilIdleAsync(PumpTimeout);

        Assert.Equal(["dba@partner.test", "owner@company.com"], MailedAddresses().Order(StringComparer.Ordinal));
        Assert.All(fixture.Smtp.Received, m => Assert.StartsWith("Secret rotation failed: ", m.Message.Subject, StringComparison.Ordinal));
        Assert.DoesNotContain("victim@attacker.test", MailedAddresses());
    }

    [Fact]
    public async Task Incidents_past_the_organizations_minute_quota_are_answered_429_with_retry_after()
    {
        HttpResponseMessage? refused = null;
        // The quota counts per UTC minute: a run that crosses a minute needs a few more reports to meet it.
        for (var i = 0; i < 3 * RecipientPolicyAppFixture.IncidentsPerMinute && refused is null; i++)
        {
            var response = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Post, $"api/organizations/{Org}/incidents",
                new { type = "unauthorized_access", severity = "high", affectedResourceName = $"resource-{i}", detectedAt = DateTimeOffset.UtcNow });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            response.Dispose();
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
            Assert.InRange(retryAfter, 1, 60);
        }

        using var audit = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Get, $"api/organizations/{Org}/audit-events?type=QUOTA_EXCEEDED");
        Assert.Contains(JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("subjectId").GetString() == "incidents-per-minute");
    }
}

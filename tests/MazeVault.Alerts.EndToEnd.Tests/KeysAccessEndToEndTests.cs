using System.Net;
using System.Text;
using System.Text.Json;
using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// ACCESS_MODE=keys through the compiled app: every route against every kind of key, the audit trail that names the key,
/// revocation and expiry at once, and credentials that are refused with a reason and never logged.
/// </summary>
public sealed class KeysAccessEndToEndTests(KeysAccessAppFixture fixture) : IClassFixture<KeysAccessAppFixture>
{
    private IReadOnlyList<RouteCase> Cases => AccessMatrix.Cases(fixture.AppDirectory, fixture.OrganizationA, fixture.OrganizationB);

    [Fact]
    public async Task Every_route_answers_each_credential_by_its_role_and_organizations()
    {
        var expiring = await fixture.IssueAsync(new { name = "short-lived", role = "admin", organizations = new[] { "*" }, expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var a = fixture.OrganizationA;
        await AccessMatrix.AssertAllAsync(fixture.Client, Cases,
        [
            new MatrixCredential("none", _ => { }, AccessMatrix.Nobody),
            new MatrixCredential("unknown key", r => r.Headers.Add("X-Api-Key", "mvk_0123456789abcdef_not-a-key-this-app-issued"), AccessMatrix.Nobody),
            new MatrixCredential("revoked key", r => r.Headers.Add("X-Api-Key", fixture.Revoked.Secret), AccessMatrix.Nobody),
            new MatrixCredential("expired key", r => r.Headers.Add("X-Api-Key", expiring.Secret), AccessMatrix.Nobody),
            new MatrixCredential("key in the query", r => r.RequestUri = new Uri($"{r.RequestUri}?code={fixture.Platform.Secret}&apiKey={fixture.Platform.Secret}", UriKind.Relative), AccessMatrix.Nobody),
            new MatrixCredential("forged principal", r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal("p-forged", AccessRoles.Admin)), AccessMatrix.Nobody),
            new MatrixCredential("reader of A", r => r.Headers.Add("X-Api-Key", fixture.Reader.Secret), AccessMatrix.Role(OrganizationRole.Reader, a)),
            new MatrixCredential("submitter of A", r => r.Headers.Add("X-Api-Key", fixture.Submitter.Secret), AccessMatrix.Role(OrganizationRole.Submitter, a)),
            new MatrixCredential("admin of A", r => r.Headers.Add("X-Api-Key", fixture.Admin.Secret), AccessMatrix.Role(OrganizationRole.Admin, a)),
            new MatrixCredential("platform admin key", r => r.Headers.Add("X-Api-Key", fixture.Platform.Secret), _ => null),
            new MatrixCredential("bootstrap key", r => r.Headers.Add("X-Api-Key", KeysAccessAppFixture.BootstrapKey), _ => null),
        ]);
    }

    [Fact]
    public async Task Each_state_changing_request_leaves_one_audit_event_naming_its_key()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var auditor = await fixture.IssueAsync(new { name = "auditor", role = "admin", organizations = new[] { "*" } });
        var writes = AccessMatrix.Cases(fixture.AppDirectory, organization, organization).Distinct()
            .Where(c => c.Method != "GET" && c.Kind != AccessKind.Anonymous).ToList();

        await AccessMatrix.AssertAllAsync(fixture.Client, writes, new MatrixCredential("auditor", r => r.Headers.Add("X-Api-Key", auditor.Secret), _ => null));

        var events = (await ActionsAsync(auditor, $"api/organizations/{organization}/audit-events?type=API_ACTION&limit=200"))
            .Concat(await ActionsAsync(auditor, "api/access/audit-events?type=API_ACTION&limit=200"))
            .Where(e => e.GetProperty("details").GetProperty("actorId").GetString() == auditor.Id)
            .ToList();
        foreach (var write in writes)
        {
            var recorded = Assert.Single(events, e => e.GetProperty("details").GetProperty("resource").GetString() == "/" + write.Path
                                                      && e.GetProperty("details").GetProperty("method").GetString() == write.Method);
            var details = recorded.GetProperty("details");
            Assert.Equal(write.Function, details.GetProperty("action").GetString());
            Assert.Equal(nameof(CallerKind.ApiKey), details.GetProperty("actorType").GetString());
            Assert.Equal("auditor", details.GetProperty("actorName").GetString());
            Assert.Matches("^[1-4][0-9][0-9]$", details.GetProperty("outcome").GetString());
        }

        Assert.Equal(writes.Count, events.Count);
    }

    [Fact]
    public async Task A_refused_write_changes_nothing_and_leaves_no_event_while_the_allowed_one_names_its_key()
    {
        var integration = new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com" } };
        var path = $"api/organizations/{fixture.OrganizationA}/integrations";

        using var refused = await fixture.SendAsync(fixture.Reader.Secret, HttpMethod.Post, path, integration);
        using var otherOrganization = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Post, $"api/organizations/{fixture.OrganizationB}/integrations", integration);
        using var created = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Post, path, integration);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created), (refused.StatusCode, otherOrganization.StatusCode, created.StatusCode));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var listB = await fixture.SendAsync(fixture.Platform.Secret, HttpMethod.Get, $"api/organizations/{fixture.OrganizationB}/integrations");
        Assert.Equal(0, JsonDocument.Parse(await listB.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
        var events = await ActionsAsync(fixture.Platform, $"api/organizations/{fixture.OrganizationA}/audit-events?type=API_ACTION&limit=200");
        var creations = events.Where(e => e.GetProperty("details").GetProperty("action").GetString() == "CreateIntegration"
                                          && e.GetProperty("details").GetProperty("outcome").GetString() == "201").ToList();
        Assert.Contains(creations, e => e.GetProperty("details").GetProperty("actorId").GetString() == fixture.Admin.Id);
        Assert.DoesNotContain(events, e => e.GetProperty("details").GetProperty("actorId").GetString() == fixture.Reader.Id);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task A_snooze_is_owned_by_the_key_that_set_it_not_by_the_name_in_the_body()
    {
        var organization = fixture.OrganizationA;
        using var certificate = await fixture.SendAsync(fixture.Submitter.Secret, HttpMethod.Put, $"api/organizations/{organization}/certificates/web-owner",
            new { subject = "CN=owner.example.com", notAfter = DateTimeOffset.UtcNow.AddDays(10), autoRenewal = false });
        certificate.EnsureSuccessStatusCode();

        using var snooze = await fixture.SendAsync(fixture.Admin.Secret, HttpMethod.Put, $"api/organizations/{organization}/snoozes/certificates/web-owner",
            new { until = DateTimeOffset.UtcNow.AddDays(2), reason = "renewal booked", owner = "someone-else" });

        var body = await snooze.Content.ReadAsStringAsync();
        Assert.True(snooze.IsSuccessStatusCode, body);
        Assert.Equal($"api key {fixture.Admin.Id} (team-a-admin)", JsonDocument.Parse(body).RootElement.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_with_last_use_and_a_revoked_key_is_refused_at_once()
    {
        var key = await fixture.IssueAsync(new { name = "to-revoke", role = "reader", organizations = new[] { fixture.OrganizationA } });
        using var used = await fixture.SendAsync(key.Secret, HttpMethod.Get, $"api/organizations/{fixture.OrganizationA}/integrations");
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);

        using var list = await fixture.SendAsync(fixture.Platform.Secret, HttpMethod.Get, "api/access/keys?limit=200");
        var text = await list.Content.ReadAsStringAsync();
        var listed = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == key.Id);
        Assert.Equal(("to-revoke", "reader"), (listed.GetProperty("name").GetString(), listed.GetProperty("role").GetString()));
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.False(listed.TryGetProperty("key", out _));
        foreach (var secret in new[] { key.Secret, fixture.Platform.Secret, fixture.Admin.Secret, KeysAccessAppFixture.BootstrapKey })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        using var revoked = await fixture.SendAsync(fixture.Platform.Secret, HttpMethod.Delete, $"api/access/keys/{key.Id}");
        using var after = await fixture.SendAsync(key.Secret, HttpMethod.Get, $"api/organizations/{fixture.OrganizationA}/integrations");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), (revoked.StatusCode, after.StatusCode));
    }

    public static TheoryData<string, string, string?, string> BadRequests() => new()
    {
        { "POST", "api/access/keys", """{"name":"x","role":"owner","organizations":["acme"]}""", "role" },
        { "POST", "api/access/keys", """{"name":"x","role":"reader","organizations":["*"]}""", "organizations" },
        { "POST", "api/access/keys", """{"name":"x","role":"reader","organizations":["a/b"]}""", "organizations[0]" },
        { "POST", "api/access/keys", """{"name":"x","role":"reader","organizations":"acme"}""", "organizations" },
        { "POST", "api/access/keys", "not json", "body" },
        { "PUT", "api/access/principals/p-1/organizations/%20padded", null, "organizationId" },
        { "PUT", "api/access/principals/p-1/organizations/acme", """{"role":"owner"}""", "role" },
        { "PUT", "api/access/principals/p-1/organizations/acme", """{"role":7}""", "role" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_key_and_grant_requests_are_400_naming_the_field(string method, string path, string? body, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", fixture.Platform.Secret);

        using var response = await fixture.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Malformed_and_oversized_credentials_are_refused_with_a_reason_and_never_logged()
    {
        string[] presented = ["", "   ", "mvk_", "mvk_zz_zz", new string('k', 20_000), fixture.Platform.Secret + "x", "Bearer " + fixture.Platform.Secret];
        foreach (var key in presented)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/organizations/{fixture.OrganizationA}/integrations");
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            using var response = await fixture.Client.SendAsync(request);

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{key.Length} characters: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        using var twoKeys = new HttpRequestMessage(HttpMethod.Get, $"api/organizations/{fixture.OrganizationA}/integrations");
        twoKeys.Headers.Add("X-Api-Key", [fixture.Platform.Secret, fixture.Admin.Secret]);
        using var both = await fixture.Client.SendAsync(twoKeys);
        Assert.Equal(HttpStatusCode.Unauthorized, both.StatusCode);
        Assert.Contains("exactly one X-Api-Key", await both.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("[Access] 401", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var logged = string.Join("\n", fixture.App.Logs.Lines.Select(l => l.ToString()).Concat(fixture.App.Logs.ProcessOutput));
        foreach (var secret in new[] { fixture.Platform.Secret, fixture.Admin.Secret, fixture.Reader.Secret, fixture.Submitter.Secret, KeysAccessAppFixture.BootstrapKey })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_write_another_site_sends_through_a_browser_is_refused_whatever_the_credential(string header, string value)
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{organization}/integrations")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { type = "email", name = "Exfiltrate", emailRecipients = new[] { "thief@evil.example" } }),
        };
        request.Headers.Add("X-Api-Key", fixture.Platform.Secret);
        request.Headers.TryAddWithoutValidation(header, value);

        using var refused = await fixture.Client.SendAsync(request);
        using var list = await fixture.SendAsync(fixture.Platform.Secret, HttpMethod.Get, $"api/organizations/{organization}/integrations");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_write_from_the_app_s_own_origin_or_from_a_server_without_one_is_accepted()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        foreach (var origin in new[] { fixture.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{organization}/integrations")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { type = "email", name = "Ops", emailRecipients = new[] { "ops@company.com" } }),
            };
            request.Headers.Add("X-Api-Key", fixture.Platform.Secret);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
                request.Headers.Add("Sec-Fetch-Site", "same-origin");
            }

            using var created = await fixture.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    [Fact]
    public async Task The_mode_is_logged_at_start()
    {
        var line = await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("[Access] Access mode", StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        Assert.Contains("Keys", line.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap admin key set", line.Message, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ActionsAsync(IssuedKey key, string path)
    {
        using var response = await fixture.SendAsync(key.Secret, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

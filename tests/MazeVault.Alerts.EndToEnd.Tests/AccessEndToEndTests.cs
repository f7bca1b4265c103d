using System.Net;
using System.Text.Json;
using MazeVault.Alerts.Core.Access;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The role × route matrix, and cross-organization requests that are refused and change nothing.</summary>
public sealed class AccessEndToEndTests(AccessAppFixture fixture) : IClassFixture<AccessAppFixture>
{
    private static readonly object Incident = new { type = "unauthorized_access", severity = "high", affectedResourceName = "prod-db", detectedAt = "2026-11-30T08:00:00Z" };
    private static readonly object Certificate = new { subject = "CN=example.com", notAfter = "2027-01-01T00:00:00Z", autoRenewal = true };
    private static readonly object Integration = new { type = "email", name = "Another", emailRecipients = new[] { "sec@company.com" } };

    // caller: none (no header), forged, norole, reader, submitter, admin; orgadmin (a grant with the admin role, no app role).
    public static TheoryData<string, string, string, int> Matrix()
    {
        var rows = new TheoryData<string, string, string, int>();
        void Row(string method, string path, int none, int norole, int reader, int submitter, int admin, int orgAdmin)
        {
            rows.Add("orgadmin", method, path, orgAdmin);
            rows.Add("none", method, path, none);
            rows.Add("forged", method, path, none);
            rows.Add("norole", method, path, norole);
            rows.Add("reader", method, path, reader);
            rows.Add("submitter", method, path, submitter);
            rows.Add("admin", method, path, admin);
        }

        Row("GET", "api/health", 200, 200, 200, 200, 200, 200);
        Row("GET", "api/organizations/{granted}/integrations", 401, 403, 200, 403, 200, 200);
        Row("GET", "api/organizations/{other}/integrations", 401, 403, 403, 403, 200, 403);
        Row("GET", "api/organizations/{granted}/deliveries", 401, 403, 200, 403, 200, 200);
        Row("GET", "api/organizations/{other}/deliveries", 401, 403, 403, 403, 200, 403);
        Row("GET", "api/email/status", 401, 403, 200, 403, 200, 200);
        Row("POST", "api/organizations/{granted}/integrations", 401, 403, 403, 403, 201, 201);
        Row("POST", "api/organizations/{granted}/incidents", 401, 403, 403, 202, 202, 202);
        Row("POST", "api/organizations/{other}/incidents", 401, 403, 403, 403, 202, 403);
        Row("PUT", "api/organizations/{granted}/certificates/cert-1", 401, 403, 403, 200, 200, 200);
        Row("PUT", "api/organizations/{other}/certificates/cert-1", 401, 403, 403, 403, 200, 403);
        Row("GET", "api/access/principals/" + AccessAppFixture.ReaderId + "/organizations", 401, 403, 403, 403, 200, 403);
        Row("PUT", "api/access/principals/" + AccessAppFixture.ReaderId + "/organizations/{other}", 401, 403, 403, 403, 201, 403);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_its_routes_in_its_organizations(string caller, string method, string path, int expected)
    {
        // The admin's grant of {other} to the reader is undone at once so the other rows keep their meaning.
        var resolved = path.Replace("{granted}", fixture.Granted).Replace("{other}", fixture.Other);
        var body = method == "GET" ? null : path.EndsWith("incidents") ? Incident : path.Contains("certificates") ? Certificate : path.EndsWith("integrations") ? Integration : null;

        using var response = await fixture.SendAsync(caller, new HttpMethod(method), resolved, body);
        if (path.StartsWith("api/access/") && method == "PUT" && response.IsSuccessStatusCode)
        {
            (await fixture.SendAsync("admin", HttpMethod.Delete, resolved)).Dispose();
        }

        Assert.True(expected == (int)response.StatusCode, $"{caller} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected is 401 or 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Writes_to_another_organization_are_refused_and_change_nothing()
    {
        using var before = await fixture.SendAsync("admin", HttpMethod.Get, $"api/organizations/{fixture.Other}/integrations");
        var integrations = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement;
        var id = integrations.GetProperty("items")[0].GetProperty("id").GetString();
        using var deliveriesBefore = await fixture.SendAsync("admin", HttpMethod.Get, $"api/organizations/{fixture.Other}/deliveries");
        var history = JsonDocument.Parse(await deliveriesBefore.Content.ReadAsStringAsync()).RootElement.ToString();

        var refused = new List<HttpResponseMessage>
        {
            await fixture.SendAsync("reader", HttpMethod.Delete, $"api/organizations/{fixture.Other}/integrations/{id}"),
            await fixture.SendAsync("submitter", HttpMethod.Post, $"api/organizations/{fixture.Other}/incidents", Incident),
            await fixture.SendAsync("submitter", HttpMethod.Post, $"api/organizations/{fixture.Other}/integrations/{id}/test"),
            await fixture.SendAsync("reader", HttpMethod.Get, $"api/organizations/{fixture.Other}/integrations/{id}"),
            await fixture.SendAsync("reader", HttpMethod.Get, $"api/organizations/{fixture.Other}/integrations/no-such-id"),
        };

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        // The same answer for an integration that exists and one that does not: nothing is revealed.
        Assert.Equal(await refused[3].Content.ReadAsStringAsync(), await refused[4].Content.ReadAsStringAsync());
        using var after = await fixture.SendAsync("admin", HttpMethod.Get, $"api/organizations/{fixture.Other}/integrations");
        Assert.Equal(integrations.ToString(), JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.ToString());
        using var deliveriesAfter = await fixture.SendAsync("admin", HttpMethod.Get, $"api/organizations/{fixture.Other}/deliveries");
        Assert.Equal(history, JsonDocument.Parse(await deliveriesAfter.Content.ReadAsStringAsync()).RootElement.ToString());
        refused.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Every_route_answers_each_principal_and_key_by_its_role_and_organizations()
    {
        using var issued = await fixture.SendAsync("admin", HttpMethod.Post, "api/access/keys",
            new { name = "vault-service", role = "submitter", organizations = new[] { fixture.Granted } });
        var key = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        var cases = AccessMatrix.Cases(fixture.AppDirectory, fixture.Granted, fixture.Other);
        await AccessMatrix.AssertAllAsync(fixture.Client, cases,
        [
            new MatrixCredential("none", _ => { }, AccessMatrix.Nobody),
            new MatrixCredential("malformed principal", r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", "not-base64-json"), AccessMatrix.Nobody),
            new MatrixCredential("org admin by grant", r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal(AccessAppFixture.OrgAdminId)), AccessMatrix.Role(OrganizationRole.Admin, fixture.Granted)),
            new MatrixCredential("submitter key", r => r.Headers.Add("X-Api-Key", key), AccessMatrix.Role(OrganizationRole.Submitter, fixture.Granted)),
            new MatrixCredential("platform admin", r => r.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal(AccessAppFixture.AdminId, AccessRoles.Admin)), _ => null),
        ]);
    }

    [Fact]
    public async Task A_write_by_a_signed_in_person_is_audited_with_their_name()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{fixture.Granted}/incident-contacts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { name = "On call", email = "oncall@company.com", role = "SRE", priority = 1 }),
        };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal(AccessAppFixture.OrgAdminId));
        using var created = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var trail = await fixture.SendAsync("admin", HttpMethod.Get, $"api/organizations/{fixture.Granted}/audit-events?type=API_ACTION");
        var events = JsonDocument.Parse(await trail.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray();
        var details = Assert.Single(events, e => e.GetProperty("details").GetProperty("action").GetString() == "CreateIncidentContact").GetProperty("details");
        Assert.Equal(("Entra", AccessAppFixture.OrgAdminId, "201"),
            (details.GetProperty("actorType").GetString(), details.GetProperty("actorId").GetString(), details.GetProperty("outcome").GetString()));
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app in ACCESS_MODE=entra behind App Service Authentication (WEBSITE_AUTH_ENABLED=True): callers arrive with
/// the platform's X-MS-CLIENT-PRINCIPAL header; a reader and a submitter are granted one organization through the grants
/// API without a role (their app roles act there), an org admin with the admin role.
/// </summary>
public sealed class AccessAppFixture : AlertsAppFixture
{
    public const string AdminId = "00000000-0000-0000-0000-0000000000ad";
    public const string ReaderId = "00000000-0000-0000-0000-0000000000re";
    public const string SubmitterId = "00000000-0000-0000-0000-0000000000su";
    public const string NoRoleId = "00000000-0000-0000-0000-0000000000no";
    public const string OrgAdminId = "00000000-0000-0000-0000-0000000000oa";

    public string Granted { get; } = NewOrganizationId();
    public string Other { get; } = NewOrganizationId();

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["ACCESS_MODE"] = "entra";
        settings["WEBSITE_AUTH_ENABLED"] = "True";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var principal in new[] { ReaderId, SubmitterId, NoRoleId })
        {
            using var grant = await SendAsync("admin", HttpMethod.Put, $"api/access/principals/{principal}/organizations/{Granted}");
            grant.EnsureSuccessStatusCode();
        }

        using (var orgAdmin = await SendAsync("admin", HttpMethod.Put, $"api/access/principals/{OrgAdminId}/organizations/{Granted}", new { role = "admin" }))
        {
            orgAdmin.EnsureSuccessStatusCode();
        }

        foreach (var organization in new[] { Granted, Other })
        {
            using var created = await SendAsync("admin", HttpMethod.Post, $"api/organizations/{organization}/integrations",
                new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com" } });
            created.EnsureSuccessStatusCode();
        }
    }

    /// <summary>The header App Service Authentication sets for an Entra caller with these roles.</summary>
    public static string Principal(string objectId, params string[] roles)
    {
        var claims = new JsonArray(new JsonObject { ["typ"] = "http://schemas.microsoft.com/identity/claims/objectidentifier", ["val"] = objectId });
        foreach (var role in roles)
        {
            claims.Add(new JsonObject { ["typ"] = "roles", ["val"] = role });
        }

        var principal = new JsonObject { ["auth_typ"] = "aad", ["claims"] = claims, ["name_typ"] = "name", ["role_typ"] = "roles" };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    public Task<HttpResponseMessage> SendAsync(string caller, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var header = caller switch
        {
            "admin" => Principal(AdminId, "Alerts.Admin"),
            "reader" => Principal(ReaderId, "Alerts.Reader"),
            "submitter" => Principal(SubmitterId, "Alerts.Submitter"),
            "norole" => Principal(NoRoleId),
            "orgadmin" => Principal(OrgAdminId),
            "forged" => "not-base64-json",
            _ => null,
        };
        if (header is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", header);
        }

        return Client.SendAsync(request);
    }
}

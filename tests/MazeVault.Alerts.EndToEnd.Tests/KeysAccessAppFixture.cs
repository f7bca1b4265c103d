using System.Net.Http.Json;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app in ACCESS_MODE=keys, the default of a deployment without an app registration, with a bootstrap
/// platform-admin key; at start it issues, through the API, a reader, a submitter and an admin key of organization A, a
/// platform-admin key, and a key it revokes at once.
/// </summary>
public class KeysAccessAppFixture : AlertsAppFixture
{
    public const string BootstrapKey = "bootstrap-platform-admin-key-for-the-e2e-tests-0123456789";

    public string OrganizationA { get; } = NewOrganizationId();
    public string OrganizationB { get; } = NewOrganizationId();
    public IssuedKey Reader { get; private set; } = null!;
    public IssuedKey Submitter { get; private set; } = null!;
    public IssuedKey Admin { get; private set; } = null!;
    public IssuedKey Platform { get; private set; } = null!;
    public IssuedKey Revoked { get; private set; } = null!;

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["ACCESS_MODE"] = "keys";
        settings["ACCESS_ADMIN_KEY"] = BootstrapKey;
        // Set as it would be behind App Service Authentication: keys mode must not care.
        settings["WEBSITE_AUTH_ENABLED"] = "True";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Reader = await IssueAsync(new { name = "dashboard", role = "reader", organizations = new[] { OrganizationA } });
        Submitter = await IssueAsync(new { name = "vault-service", role = "submitter", organizations = new[] { OrganizationA } });
        Admin = await IssueAsync(new { name = "team-a-admin", role = "admin", organizations = new[] { OrganizationA } });
        Platform = await IssueAsync(new { name = "platform", role = "admin", organizations = new[] { "*" } });
        Revoked = await IssueAsync(new { name = "leaked", role = "admin", organizations = new[] { OrganizationA } });
        using var revoke = await SendAsync(BootstrapKey, HttpMethod.Delete, $"api/access/keys/{Revoked.Id}");
        revoke.EnsureSuccessStatusCode();
    }

    /// <summary>Creates a key with the bootstrap key and returns its id and secret (the only time the secret is seen).</summary>
    public async Task<IssuedKey> IssueAsync(object body)
    {
        using var response = await SendAsync(BootstrapKey, HttpMethod.Post, "api/access/keys", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        using var json = JsonDocument.Parse(text);
        return new IssuedKey(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    public Task<HttpResponseMessage> SendAsync(string? apiKey, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return Client.SendAsync(request);
    }
}

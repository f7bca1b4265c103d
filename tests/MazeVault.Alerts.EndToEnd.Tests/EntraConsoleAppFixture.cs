namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The console against the app in ACCESS_MODE=entra behind App Service Authentication: a signed-in person's requests
/// arrive with the platform's X-MS-CLIENT-PRINCIPAL (the browser context adds it, as the platform does after sign-in).
/// </summary>
public sealed class EntraConsoleAppFixture : ConsoleAppFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["ACCESS_MODE"] = "entra";
        settings["WEBSITE_AUTH_ENABLED"] = "True";
    }

    /// <summary>A console page signed in as <paramref name="objectId"/> with these app roles.</summary>
    public Task<ConsolePage> SignedInAsync(string objectId, params string[] roles) =>
        OpenAsync(headers: [KeyValuePair.Create("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal(objectId, roles))]);

    /// <summary>Sends as a platform admin (Alerts.Admin), as an operator's script would after signing in.</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", AccessAppFixture.Principal(AccessAppFixture.AdminId, "Alerts.Admin"));
        return await Client.SendAsync(request);
    }
}

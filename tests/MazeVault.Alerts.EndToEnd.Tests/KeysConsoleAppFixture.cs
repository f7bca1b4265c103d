using System.Net.Http.Json;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The console against the app in ACCESS_MODE=keys, as a deployment without an app registration runs it.</summary>
public sealed class KeysConsoleAppFixture : ConsoleAppFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        settings["ACCESS_MODE"] = "keys";
        settings["ACCESS_ADMIN_KEY"] = KeysAccessAppFixture.BootstrapKey;
    }

    /// <summary>Sends with the bootstrap platform-admin key.</summary>
    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", KeysAccessAppFixture.BootstrapKey);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

using System.Net;
using System.Text.Json;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>A wrong email setting no longer stops the app: it starts, serves, and its status route says what is wrong.</summary>
public sealed class EmailMisconfiguredEndToEndTests(EmailMisconfiguredAppFixture fixture) : IClassFixture<EmailMisconfiguredAppFixture>
{
    [Fact]
    public async Task The_app_starts_and_the_email_status_names_each_wrong_setting_without_its_value()
    {
        using var response = await fixture.Client.GetAsync("api/email/status");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        var body = await response.Content.ReadAsStringAsync();
        var status = JsonDocument.Parse(body).RootElement;

        Assert.Equal("Office365 OAuth2", status.GetProperty("transport").GetString());
        Assert.False(status.GetProperty("usable").GetBoolean());
        Assert.Equal("📧 Email Transport: Office365 OAuth2 ❌", status.GetProperty("indicator").GetString());
        Assert.Contains("O365_SENDER_EMAIL", status.GetProperty("problemSettings").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("O365_TENANT_ID", status.GetProperty("problemSettings").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain(EmailMisconfiguredAppFixture.ClientSecret, body, StringComparison.Ordinal);
    }
}

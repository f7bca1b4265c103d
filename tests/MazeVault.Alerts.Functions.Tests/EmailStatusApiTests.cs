using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class EmailStatusApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string ClientSecret = "St4tus-Cl1ent-S3cret";

    private async Task<ApiResponse> StatusAsync(Dictionary<string, string?> settings)
    {
        var api = new ApiHarness(azurite, settings);
        return await ApiHarness.SendAsync(api.Request(), r => Task.FromResult(api.Function<EmailStatusApi>().Run(r)));
    }

    [Fact]
    public async Task Shows_office365_as_active_and_configured_without_the_secret()
    {
        var response = await StatusAsync(new()
        {
            ["O365_EMAIL_ENABLED"] = "true",
            ["O365_TENANT_ID"] = "11111111-2222-3333-4444-555555555555",
            ["O365_CLIENT_ID"] = "87654321-dcba-4321-dcba-987654321000",
            ["O365_CLIENT_SECRET"] = ClientSecret,
            ["O365_SENDER_EMAIL"] = "noreply@company.com",
            ["SMTP_HOST"] = "smtp.company.com",
            ["SMTP_FROM"] = "noreply@company.com",
        });

        Assert.Equal(200, response.Status);
        Assert.Equal("Office365 OAuth2", response.Json.GetProperty("transport").GetString());
        Assert.True(response.Json.GetProperty("configured").GetBoolean());
        Assert.DoesNotContain(ClientSecret, response.Body);
    }

    [Fact]
    public async Task Shows_the_missing_setting_of_an_incomplete_configuration()
    {
        var response = await StatusAsync(new() { ["O365_EMAIL_ENABLED"] = "true", ["O365_CLIENT_SECRET"] = ClientSecret });

        Assert.Equal(200, response.Status);
        Assert.False(response.Json.GetProperty("configured").GetBoolean());
        var problems = response.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("O365_TENANT_ID", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("O365_SENDER_EMAIL", StringComparison.Ordinal));
        Assert.Equal(["O365_CLIENT_ID", "O365_SENDER_EMAIL", "O365_TENANT_ID"], response.Json.GetProperty("problemSettings").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.False(response.Json.GetProperty("usable").GetBoolean());
        Assert.DoesNotContain(ClientSecret, response.Body);
    }

    [Fact]
    public async Task Shows_disabled_when_nothing_is_configured()
    {
        var response = await StatusAsync(new());

        Assert.Equal("Disabled", response.Json.GetProperty("transport").GetString());
        Assert.Equal("📧 Email Transport: Disabled ❌", response.Json.GetProperty("indicator").GetString());
        Assert.False(response.Json.GetProperty("enabled").GetBoolean());
    }
}

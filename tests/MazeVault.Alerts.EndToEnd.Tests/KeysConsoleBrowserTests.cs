using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The console with API keys: a reader sees no edit controls, and another site's page cannot make the browser write.</summary>
public sealed class KeysConsoleBrowserTests(KeysConsoleAppFixture fixture) : IClassFixture<KeysConsoleAppFixture>
{
    [Fact]
    public async Task Without_a_key_the_console_says_how_to_get_in()
    {
        var console = await fixture.OpenAsync();

        await console.OpenOrganizationAsync(AlertsAppFixture.NewOrganizationId());

        await Assertions.Expect(console.Page.Locator("main")).ToContainTextAsync("X-Api-Key");
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Entra ID" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reader_sees_its_organizations_and_no_control_that_changes_anything()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await fixture.AdminAsync(HttpMethod.Post, $"api/organizations/{organization}/integrations",
            new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com" } });
        var reader = await fixture.AdminAsync(HttpMethod.Post, "api/access/keys", new { name = "dashboard", role = "reader", organizations = new[] { organization } });
        var console = await fixture.OpenAsync();

        await console.Page.GotoAsync("api/console/#/notifications");
        await console.Page.GetByLabel("API key").FillAsync(reader.GetProperty("key").GetString()!);
        await console.Page.GetByLabel("Organization").FillAsync(organization);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        await Assertions.Expect(console.Page.Locator("li.card")).ToContainTextAsync("Ops mail");
        await Assertions.Expect(console.Page.Locator("main button")).ToHaveCountAsync(0);
        Assert.Equal(organization, await console.Page.Locator("#organizations option").First.GetAttributeAsync("value"));
        await console.Page.GetByRole(AriaRole.Link, new() { Name = "Incident Response" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByText("No incident contacts")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.Locator("main form")).ToHaveCountAsync(0);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Another_site_s_page_cannot_make_the_browser_write()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.OpenAsync();
        // localhost and 127.0.0.1 are different sites: a page on one posting to the other is cross-site. The page is not the
        // console, whose own policy (form-action 'self') would stop the form before it left.
        var api = new Uri(fixture.Client.BaseAddress!, $"api/organizations/{organization}/integrations");
        var otherSite = new UriBuilder(fixture.Client.BaseAddress!) { Host = "localhost" }.Uri;
        await console.Page.GotoAsync(new Uri(otherSite, "api/health").AbsoluteUri);

        var script = await console.Page.EvaluateAsync<string>("""
            async ([url, key]) => {
              try {
                await fetch(url, { method: 'POST', headers: { 'X-Api-Key': key, 'Content-Type': 'application/json' },
                                   body: JSON.stringify({ type: 'email', name: 'x', emailRecipients: ['thief@evil.example'] }) });
                return 'sent';
              } catch { return 'blocked'; }
            }
            """, new[] { api.AbsoluteUri, KeysAccessAppFixture.BootstrapKey });
        var form = await console.SubmitFormAsync(api.AbsoluteUri, """{"type":"email","name":"x","emailRecipients":["thief@evil.example"]}""");

        Assert.Equal("blocked", script);
        Assert.Equal(403, form.Status);
        var integrations = await fixture.AdminAsync(HttpMethod.Get, $"api/organizations/{organization}/integrations");
        Assert.Equal(0, integrations.GetProperty("items").GetArrayLength());
    }
}

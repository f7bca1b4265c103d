using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The console for people signed in with Entra ID (no key typed): a Reader sees its organization and no control that
/// changes anything, the API refuses the Reader's writes whatever the page does, and another site's form cannot ride the
/// signed-in session.
/// </summary>
public sealed class EntraConsoleBrowserTests(EntraConsoleAppFixture fixture) : IClassFixture<EntraConsoleAppFixture>
{
    [Fact]
    public async Task A_signed_in_Reader_sees_no_edit_controls_and_its_writes_are_refused()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        (await fixture.AdminAsync(HttpMethod.Put, $"api/access/principals/{AccessAppFixture.ReaderId}/organizations/{organization}")).EnsureSuccessStatusCode();
        (await fixture.AdminAsync(HttpMethod.Post, $"api/organizations/{organization}/integrations",
            new { type = "email", name = "Ops mail", emailRecipients = new[] { "ops@company.com" } })).EnsureSuccessStatusCode();
        var console = await fixture.SignedInAsync(AccessAppFixture.ReaderId, "Alerts.Reader");
        var page = console.Page;

        await page.GotoAsync("api/console/#/notifications");
        Assert.Equal(organization, await page.Locator("#organizations option").First.GetAttributeAsync("value"));
        await page.GetByLabel("Organization").FillAsync(organization);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        await Assertions.Expect(page.Locator("li.card")).ToContainTextAsync("Ops mail");
        await Assertions.Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Weekly Expiry Report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Preview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send now" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Snoozes and alert policy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save policy" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Snooze a resource" })).ToHaveCountAsync(0);

        // The controls are hidden for convenience; the API decides: the same session's write from the console's page is 403.
        var status = await page.EvaluateAsync<int>("""
            async (url) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ name: 'Intruder', email: 'x@company.com', priority: 1 }) })).status
            """, new Uri(fixture.Client.BaseAddress!, $"api/organizations/{organization}/incident-contacts").AbsoluteUri);
        Assert.Equal(403, status);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Another_site_s_form_cannot_ride_a_signed_in_session()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.SignedInAsync(AccessAppFixture.AdminId, "Alerts.Admin");
        var api = new Uri(fixture.Client.BaseAddress!, $"api/organizations/{organization}/incident-contacts");
        // localhost and 127.0.0.1 are different sites; the platform would send the session with this form as it does here.
        await console.Page.GotoAsync(new Uri(new UriBuilder(fixture.Client.BaseAddress!) { Host = "localhost" }.Uri, "api/health").AbsoluteUri);

        var form = await console.SubmitFormAsync(api.AbsoluteUri, """{"name":"Intruder","email":"thief@evil.example","priority":1}""");

        Assert.Equal(403, form.Status);
        using var contacts = await fixture.AdminAsync(HttpMethod.Get, $"api/organizations/{organization}/incident-contacts");
        Assert.Equal(HttpStatusCode.OK, contacts.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await contacts.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
    }
}

using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>The console's Route section and its "Who gets this?" panel (which answers as the sample is typed) in a real browser against the compiled app.</summary>
public sealed class RoutingConsoleBrowserTests(ConsoleAppFixture fixture) : IClassFixture<ConsoleAppFixture>
{
    [Fact]
    public async Task An_operator_routes_production_incidents_of_high_severity_to_a_webhook_and_asks_who_gets_an_alert()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" });

        await form.GetByLabel("Type").SelectOptionAsync("webhook");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Production incidents");
        await form.GetByLabel("Webhook URL (required)").FillAsync(fixture.Vendor.Url("/console/routed").AbsoluteUri);
        await form.GetByLabel("Incidents", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Minimum severity").SelectOptionAsync("high");
        await form.GetByLabel("Only resources matching").FillAsync("prod-?");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error")).ToContainTextAsync("route.include[0]");

        await form.GetByLabel("Only resources matching").FillAsync("prod-*");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        var card = page.Locator("li.card", new() { HasText = "Production incidents" });
        await Assertions.Expect(card).ToContainTextAsync("Incidents of severity high or above on resources matching prod-*");

        var panel = page.GetByRole(AriaRole.Form, new() { Name = "Who gets this?" });
        await panel.GetByLabel("Alert kind").SelectOptionAsync("incident");
        await panel.GetByLabel("Severity").SelectOptionAsync("medium");
        await panel.GetByLabel("Resource name").FillAsync("prod-db");
        var answer = panel.Locator("li", new() { HasText = "Production incidents" });
        await Assertions.Expect(answer).ToContainTextAsync("Production incidents (Webhook): not sent: Severity medium is below high.");

        await panel.GetByLabel("Severity").SelectOptionAsync("critical");
        await Assertions.Expect(answer).ToContainTextAsync("Production incidents (Webhook): receives it");
        await console.AssertAccessibleAsync();
        console.AssertNoProblems();
    }
}

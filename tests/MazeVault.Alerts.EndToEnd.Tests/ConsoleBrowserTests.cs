using System.Net;
using System.Net.Http.Json;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The operator console in a real browser against the compiled app, its storage and a local Slack: the spec's screens,
/// the Test action's states and toasts, hostile text shown as text, and a page with no errors.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleAppFixture fixture) : IClassFixture<ConsoleAppFixture>
{
    // Markup only: the API refuses control and bidirectional characters in names (SingleLineFieldTests).
    private const string HostileName = "<img src=x onerror=alert(1)>gnp.exe<script>alert(2)</script>\"'&amp;";

    [Fact]
    public async Task Notifications_shows_the_email_indicator_and_each_integration_and_Test_reports_success_or_the_specific_error()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/console/ok", FakeResponse.Text(200, "ok"));
        fixture.Vendor.On("POST", "/console/gone", FakeResponse.Text(404, "no_service"));
        await CreateAsync(organization, new { type = "slack", name = "Security channel", slackWebhookUrl = fixture.Vendor.Url("/console/ok").AbsoluteUri });
        await CreateAsync(organization, new { type = "slack", name = "Old channel", slackWebhookUrl = fixture.Vendor.Url("/console/gone").AbsoluteUri });
        var console = await fixture.OpenAsync();
        // Slows the browser's Test requests so that the button's busy state can be seen.
        await console.Page.RouteAsync("**/test", async route =>
        {
            await Task.Delay(700);
            await route.ContinueAsync();
        });

        await console.OpenOrganizationAsync(organization);

        var page = console.Page;
        await Assertions.Expect(page.GetByText("📧 Email Transport: Disabled ❌")).ToBeVisibleAsync();
        var good = page.Locator("li.card", new() { HasText = "Security channel" });
        await Assertions.Expect(good).ToContainTextAsync("Active");
        var button = good.GetByRole(AriaRole.Button, new() { Name = "Test" });
        await button.ClickAsync();
        await Assertions.Expect(good.GetByRole(AriaRole.Button, new() { Name = "Testing..." })).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".toast.success")).ToContainTextAsync("Security channel: test notification sent");
        await console.ScreenshotAsync("notifications");
        await console.AssertAccessibleAsync();

        await page.Locator("li.card", new() { HasText = "Old channel" }).GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.error")).ToContainTextAsync("Old channel");
        await Assertions.Expect(page.Locator(".toast.error")).ToContainTextAsync("404");

        Assert.Single(fixture.Vendor.RequestsTo("POST", "/console/ok"));
        console.AssertNoProblems();
    }

    [Fact]
    public async Task A_new_user_adds_a_Slack_integration_through_the_generated_form_and_tests_it()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/console/new", FakeResponse.Text(200, "ok"));
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" });

        await form.GetByLabel("Type").SelectOptionAsync("slack");
        await form.GetByLabel("Name").FillAsync("Security alerts");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error")).ToContainTextAsync("slackWebhookUrl");

        await form.GetByLabel("Webhook URL (required)").FillAsync(fixture.Vendor.Url("/console/new").AbsoluteUri);
        await form.GetByLabel("Enable Weekly Expiry Report").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();

        var card = page.Locator("li.card", new() { HasText = "Security alerts" });
        await Assertions.Expect(card).ToContainTextAsync("Weekly Expiry Report");
        await card.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Security alerts: test notification sent");
        Assert.Single(fixture.Vendor.RequestsTo("POST", "/console/new"));
        Assert.DoesNotContain(fixture.Vendor.Url("/console/new").AbsoluteUri, await page.ContentAsync(), StringComparison.Ordinal);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Hostile_names_show_as_text_and_run_nothing()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await CreateAsync(organization, new { type = "email", name = HostileName, emailRecipients = new[] { "ops@company.com" } });
        var console = await fixture.OpenAsync();

        await console.OpenOrganizationAsync(organization);

        var card = console.Page.Locator("li.card");
        await Assertions.Expect(card).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await console.Page.Locator("main img, main script").CountAsync());
        Assert.Empty(console.Dialogs);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Incident_contacts_are_added_with_the_keyboard_alone_listed_by_priority_edited_and_deleted()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "incident-response");
        var page = console.Page;
        await Assertions.Expect(page.GetByText("No incident contacts")).ToBeVisibleAsync();

        await page.GetByLabel("Name").FocusAsync();
        await page.Keyboard.TypeAsync("Second line");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("second@company.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("SRE");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(1);

        await page.GetByLabel("Name").FillAsync("On call");
        await page.GetByLabel("Email").FillAsync("oncall@company.com");
        await page.GetByLabel("Priority").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("table.list tbody tr").First).ToContainTextAsync("On call");
        await console.ScreenshotAsync("incident-response");
        await console.AssertAccessibleAsync();

        await page.GetByLabel("Email").FillAsync("not-an-address");
        await page.GetByLabel("Name").FillAsync("Broken");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("email");

        await page.Locator("table.list tbody tr", new() { HasText = "Second line" }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit Second line" });
        await Assertions.Expect(edit.GetByLabel("Email")).ToHaveValueAsync("second@company.com");
        await edit.GetByLabel("Role").FillAsync("Security lead");
        await edit.GetByLabel("Email").FillAsync("second-at-company");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(edit.Locator(".field-error")).ToContainTextAsync("email");
        await edit.GetByLabel("Email").FillAsync("second@company.com");
        await edit.GetByLabel("Priority").FillAsync("3");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody tr").Last).ToContainTextAsync("Security lead");

        await page.Locator("table.list tbody tr", new() { HasText = "Second line" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(1);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Weekly_report_recipients_are_saved_and_Send_now_says_what_happened()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "weekly-report");
        var page = console.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("no recipients");

        await page.GetByLabel("Recipients (one address per line)").FillAsync("security@company.com\nops@company.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save recipients" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Recipients saved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Sent");
        await console.ScreenshotAsync("weekly-report");
        await console.AssertAccessibleAsync();
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Deliveries_list_an_incident_s_notifications_with_their_attempts_and_the_console_fits_a_phone()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await fixture.ReportIncidentToSlackAsync(organization, "/console/incident");
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));
        var console = await fixture.OpenAsync(390, 844);
        await console.OpenOrganizationAsync(organization, "deliveries");

        await Assertions.Expect(console.Page.Locator("table.list tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(console.Page.Locator("table.list")).ToContainTextAsync("Slack");
        var slackRow = console.Page.Locator("table.list tbody tr", new() { HasText = "Slack" }).First;
        await Assertions.Expect(slackRow).ToContainTextAsync("delivered");
        await slackRow.GetByRole(AriaRole.Button, new() { Name = "Attempts" }).ClickAsync();
        var drawer = console.Page.GetByRole(AriaRole.Complementary, new() { Name = "Delivery attempts" });
        await Assertions.Expect(drawer).ToContainTextAsync("delivered");
        await Assertions.Expect(drawer).ToContainTextAsync("200");
        await console.ScreenshotAsync("deliveries");
        await console.AssertAccessibleAsync();
        var overflow = await console.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at a phone's width.");
        console.AssertNoProblems();
    }

    private async Task CreateAsync(string organization, object integration)
    {
        using var response = await fixture.Client.PostAsJsonAsync($"api/organizations/{organization}/integrations", integration);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, response);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The console's management flows in a real browser against the compiled app: editing an integration with write-only
/// secrets (Replace, Clear), a delete that loses a race (412), each card's health badge from the delivery history, an
/// Email integration's per-recipient Test results, the weekly report preview, and snoozes and the alert policy.
/// </summary>
public sealed class ConsoleManagementBrowserTests(ConsoleAppFixture fixture) : IClassFixture<ConsoleAppFixture>
{
    [Fact]
    public async Task An_integration_is_edited_its_secret_replaced_without_being_shown_and_cleared()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/manage/old", FakeResponse.Text(200, "ok"));
        fixture.Vendor.On("POST", "/manage/new", FakeResponse.Text(200, "ok"));
        var oldUrl = fixture.Vendor.Url("/manage/old").AbsoluteUri;
        var newUrl = fixture.Vendor.Url("/manage/new").AbsoluteUri;
        await CreateAsync(organization, new { type = "webhook", name = "Pager", webhookUrl = oldUrl, webhookSigningSecret = "sixteen-chars-or-more-secret" });
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;

        await page.Locator("li.card", new() { HasText = "Pager" }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Edit Pager" });
        var url = form.GetByRole(AriaRole.Group, new() { Name = "Webhook URL (required)" });
        await Assertions.Expect(url).ToContainTextAsync("configured ·");
        Assert.Equal(0, await url.GetByRole(AriaRole.Button, new() { Name = "Clear" }).CountAsync());
        Assert.DoesNotContain(oldUrl, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal("", await form.Locator("input[name=webhookUrl]").InputValueAsync());

        await url.GetByRole(AriaRole.Button, new() { Name = "Replace" }).ClickAsync();
        await form.GetByLabel("New Webhook URL").FillAsync(newUrl);
        await form.GetByRole(AriaRole.Group, new() { Name = "Signing secret" }).GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await form.GetByLabel("Name").FillAsync("Pager (new)");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Pager (new) saved");

        var card = page.Locator("li.card", new() { HasText = "Pager (new)" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Pager (new): test notification sent");
        Assert.Empty(fixture.Vendor.RequestsTo("POST", "/manage/old"));
        var sent = Assert.Single(fixture.Vendor.RequestsTo("POST", "/manage/new"));
        Assert.True(sent.Header("webhook-signature") is null, "The signing secret was cleared: the request is not signed.");

        var stored = await GetIntegrationAsync(organization, "Pager (new)");
        Assert.False(stored.GetProperty("webhookSigningSecret").GetProperty("set").GetBoolean());
        Assert.DoesNotContain(newUrl, await page.ContentAsync(), StringComparison.Ordinal);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task An_integration_of_every_type_is_added_through_its_generated_form_and_each_Test_answers_with_its_toast()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var jira = $"/every/{organization}/jira";
        fixture.Vendor.On("POST", $"{jira}/rest/api/3/search/jql", FakeResponse.Json(200, new JsonObject { ["issues"] = new JsonArray() }));
        fixture.Vendor.On("POST", $"{jira}/rest/api/3/issue", FakeResponse.Json(201, new JsonObject { ["id"] = "10001", ["key"] = "SEC-1", ["self"] = "x" }));
        fixture.Vendor.On("POST", "/every/teams", new FakeResponse(202));
        fixture.Vendor.On("POST", "/every/slack", FakeResponse.Text(200, "ok"));
        fixture.Vendor.On("POST", "/every/webhook", FakeResponse.Text(401, "bad signature"));
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;

        // Each type's form, filled in by its labels only: the console knows no channel.
        var integrations = new (string Type, string Name, (string Label, string Value)[] Fields, string Toast)[]
        {
            ("jira", "Security JIRA", [("JIRA site URL (required)", fixture.Vendor.Url(jira).AbsoluteUri), ("Account email (required)", "ops@company.com"),
                ("API token (required)", "jira-api-token-0123456789"), ("Project key (required)", "SEC")], "test notification sent"),
            ("teams", "Security Teams", [("Webhook URL (required)", fixture.Vendor.Url("/every/teams").AbsoluteUri)], "test notification sent"),
            ("slack", "Security Slack", [("Webhook URL (required)", fixture.Vendor.Url("/every/slack").AbsoluteUri)], "test notification sent"),
            ("webhook", "Security hook", [("Webhook URL (required)", fixture.Vendor.Url("/every/webhook").AbsoluteUri)], "401"),
            ("email", "Security mail", [("Recipients (required)", "sec@company.com")], "❌ Security mail"),
        };
        foreach (var (type, name, fields, expected) in integrations)
        {
            var form = page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" });
            await form.GetByLabel("Type").SelectOptionAsync(type);
            await form.GetByLabel("Name").FillAsync(name);
            foreach (var (label, value) in fields)
            {
                await form.GetByLabel(label).FillAsync(value);
            }

            await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
            var card = page.Locator("li.card", new() { HasText = name });
            await card.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
            await Assertions.Expect(page.Locator(".toast", new() { HasText = name }).Last).ToContainTextAsync(expected);
        }

        Assert.Single(fixture.Vendor.RequestsTo("POST", $"{jira}/rest/api/3/issue"));
        Assert.Single(fixture.Vendor.RequestsTo("POST", "/every/teams"));
        Assert.Single(fixture.Vendor.RequestsTo("POST", "/every/slack"));
        Assert.Single(fixture.Vendor.RequestsTo("POST", "/every/webhook"));
        Assert.Contains(console.Dialogs, d => d.Contains("creates a real JIRA issue", StringComparison.Ordinal));
        Assert.Equal(5, (await ListIntegrationsAsync(organization)).GetArrayLength());
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Add_Integration_Save_and_Test_work_with_the_keyboard_alone()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/keyboard/slack", FakeResponse.Text(200, "ok"));
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" });
        await Assertions.Expect(form).ToBeVisibleAsync();

        await form.GetByLabel("Type").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(form.GetByLabel("Type")).ToHaveValueAsync("slack");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Keyboard alerts");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(fixture.Vendor.Url("/keyboard/slack").AbsoluteUri);
        await page.Keyboard.PressAsync("Enter");

        var card = page.Locator("li.card", new() { HasText = "Keyboard alerts" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Test" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Keyboard alerts: test notification sent");
        Assert.Single(fixture.Vendor.RequestsTo("POST", "/keyboard/slack"));
        console.AssertNoProblems();
    }

    [Fact]
    public async Task A_delete_after_someone_else_changed_the_integration_says_changed_elsewhere_and_deletes_after_a_reload()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await CreateAsync(organization, new { type = "slack", name = "Contested", slackWebhookUrl = fixture.Vendor.Url("/manage/contested").AbsoluteUri });
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;
        await Assertions.Expect(page.Locator("li.card", new() { HasText = "Contested" })).ToBeVisibleAsync();

        // Someone else renames it after this page loaded: the card's ETag is stale.
        var stored = await GetIntegrationAsync(organization, "Contested");
        using (var rename = new HttpRequestMessage(HttpMethod.Put, $"api/organizations/{organization}/integrations/{stored.GetProperty("id").GetString()}")
        {
            Content = JsonContent.Create(new { type = "slack", name = "Contested", slackChannel = "#elsewhere" }),
        })
        {
            rename.Headers.TryAddWithoutValidation("If-Match", stored.GetProperty("etag").GetString());
            using var renamed = await fixture.Client.SendAsync(rename);
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, renamed);
        }

        await page.Locator("li.card", new() { HasText = "Contested" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.error").Last).ToContainTextAsync("Changed elsewhere: reload.");
        Assert.Contains(console.Dialogs, d => d.StartsWith("Delete Contested?", StringComparison.Ordinal));
        await GetIntegrationAsync(organization, "Contested");

        await page.ReloadAsync();
        await page.Locator("li.card", new() { HasText = "Contested" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Contested deleted");
        await Assertions.Expect(page.Locator("li.card")).ToHaveCountAsync(0);
        Assert.Equal(0, (await ListIntegrationsAsync(organization)).GetArrayLength());
        console.AssertNoProblems();
    }

    [Fact]
    public async Task Each_card_shows_its_health_from_the_delivery_history_and_an_Email_Test_reports_each_recipient()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/manage/refused", FakeResponse.Text(403, "invalid_token"));
        await CreateAsync(organization, new { type = "slack", name = "Refusing", slackWebhookUrl = fixture.Vendor.Url("/manage/refused").AbsoluteUri });
        await CreateAsync(organization, new { type = "teams", name = "Unused", active = false, teamsWebhookUrl = fixture.Vendor.Url("/manage/unused").AbsoluteUri });
        await CreateAsync(organization, new { type = "email", name = "Mailbox", emailRecipients = new[] { "sec@company.com", "ops@company.com" } });
        await fixture.ReportIncidentToSlackAsync(organization, $"/manage/{organization}/ok");
        await fixture.App.PumpQueuesUntilIdleAsync(TimeSpan.FromSeconds(60));
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;

        await Assertions.Expect(page.Locator("li.card", new() { HasText = "Security" }).Locator(".health")).ToContainTextAsync("OK");
        var refusing = page.Locator("li.card", new() { HasText = "Refusing" }).Locator(".health");
        await Assertions.Expect(refusing).ToContainTextAsync("Error");
        await Assertions.Expect(refusing).ToContainTextAsync("permanent");
        await Assertions.Expect(refusing).ToContainTextAsync("invalid_token");
        await Assertions.Expect(page.Locator("li.card", new() { HasText = "Unused" }).Locator(".health")).ToHaveTextAsync("Never used");
        await Assertions.Expect(page.Locator("li.card", new() { HasText = "Mailbox" }).Locator(".health")).ToContainTextAsync("Skipped");

        var mailbox = page.Locator("li.card", new() { HasText = "Mailbox" });
        await mailbox.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        var results = mailbox.GetByRole(AriaRole.List, new() { Name = "Test results of Mailbox" });
        await Assertions.Expect(results.Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(results).ToContainTextAsync("sec@company.com");
        await Assertions.Expect(results).ToContainTextAsync("ops@company.com");
        await console.AssertAccessibleAsync();
        console.AssertNoProblems();
    }

    [Fact]
    public async Task The_weekly_report_preview_shows_the_email_and_the_text_and_sends_nothing()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await PutCertificateAsync(organization, "web-1", daysLeft: 12);

        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "weekly-report");
        var page = console.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Report preview" });
        await Assertions.Expect(preview).ToContainTextAsync("1 certificates expiring");
        await Assertions.Expect(preview).ToContainTextAsync("no recipients: Send now would send nothing");
        await Assertions.Expect(preview.Locator("pre")).ToContainTextAsync("CN=web-1.example.com");
        var email = page.FrameLocator("iframe.preview");
        await Assertions.Expect(email.Locator("body")).ToContainTextAsync("CN=web-1.example.com");
        Assert.Equal("", await preview.Locator("iframe").GetAttributeAsync("sandbox"));
        await console.ScreenshotAsync("weekly-report-preview");
        await console.AssertAccessibleAsync();

        using var deliveries = await fixture.Client.GetAsync($"api/organizations/{organization}/deliveries");
        Assert.Equal(0, JsonDocument.Parse(await deliveries.Content.ReadAsStringAsync()).RootElement.GetProperty("items").GetArrayLength());
        console.AssertNoProblems();
    }

    [Fact]
    public async Task A_certificate_is_snoozed_and_unsnoozed_and_the_alert_policy_is_saved_with_field_errors_shown()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        await PutCertificateAsync(organization, "web-2", daysLeft: 5);

        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "snoozes");
        var page = console.Page;
        await Assertions.Expect(page.GetByText("Nothing is snoozed")).ToBeVisibleAsync();

        var snooze = page.GetByRole(AriaRole.Form, new() { Name = "Snooze a resource" });
        await snooze.GetByLabel("Resource id").FillAsync("web-2");
        await snooze.GetByLabel("Reason").FillAsync("Renewal ordered from the CA");
        await snooze.GetByLabel("Owner").FillAsync("pki-team");
        await snooze.GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Snoozes" }).Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Renewal ordered from the CA");

        var policy = page.GetByRole(AriaRole.Form, new() { Name = "Alert policy" });
        await policy.GetByLabel("Reminders").SelectOptionAsync("thresholds");
        await policy.GetByLabel("Threshold days (comma separated)").FillAsync("30, 99");
        await policy.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(policy.Locator(".field-error")).ToContainTextAsync("thresholdDays");
        await policy.GetByLabel("Threshold days (comma separated)").FillAsync("30, 7, 1");
        await policy.GetByLabel("Send a resolved notice when a resource is healthy again").CheckAsync();
        await policy.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Alert policy saved");
        await console.ScreenshotAsync("snoozes");
        await console.AssertAccessibleAsync();

        using (var saved = await fixture.Client.GetAsync($"api/organizations/{organization}/alert-policy"))
        {
            var body = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("thresholds", body.GetProperty("reminders").GetString());
            Assert.Equal([30, 7, 1], body.GetProperty("thresholdDays").EnumerateArray().Select(d => d.GetInt32()));
            Assert.True(body.GetProperty("resolveNotifications").GetBoolean());
        }

        await page.GetByRole(AriaRole.Table, new() { Name = "Snoozes" }).GetByRole(AriaRole.Button, new() { Name = "End snooze" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Nothing is snoozed")).ToBeVisibleAsync();
        console.AssertNoProblems();
    }

    [Fact]
    public async Task An_admin_allows_a_recipient_domain_and_the_feed_may_then_email_it_and_no_other()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "snoozes");
        var page = console.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Allowed recipients" });
        await Assertions.Expect(form).ToContainTextAsync("No policy saved");

        await form.GetByLabel("Allowed domains (exact; a subdomain is its own line)").FillAsync("partner.example");
        await form.GetByLabel("Allowed addresses").FillAsync("not-an-address");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save allowed recipients" }).ClickAsync();
        await Assertions.Expect(form.Locator(".field-error")).ToContainTextAsync("allowedAddresses");
        await form.GetByLabel("Allowed addresses").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save allowed recipients" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("Allowed recipients saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Allowed recipients" })).ToContainTextAsync("may email only these");
        await console.AssertAccessibleAsync();

        using var allowed = await fixture.Client.PutAsJsonAsync($"api/organizations/{organization}/rotation-configs/payroll",
            new { secretName = "payroll-db", status = "failed", notificationEmails = new[] { "ops@partner.example" } });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, allowed);
        using var refused = await fixture.Client.PutAsJsonAsync($"api/organizations/{organization}/rotation-configs/billing",
            new { secretName = "billing-db", status = "failed", notificationEmails = new[] { "thief@elsewhere.example" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        console.AssertNoProblems();
    }

    [Fact]
    public async Task A_list_longer_than_a_page_shows_fifty_then_the_rest_on_Show_more_still_by_priority()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        // 51 contacts, priorities falling as ids are created: the API's id order is the reverse of the screen's order.
        for (var n = 0; n < 51; n++)
        {
            using var created = await fixture.Client.PostAsJsonAsync($"api/organizations/{organization}/incident-contacts",
                new { name = $"Contact {n:D2}", email = $"c{n}@example.com", priority = 100 - n });
            await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, created);
        }

        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization, "incident-response");
        var page = console.Page;
        var rows = page.Locator("table.list tbody tr");
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Show more" });

        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByText("50 shown; more are stored.")).ToBeVisibleAsync();
        await Assertions.Expect(more).ToBeVisibleAsync();
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(rows).ToHaveCountAsync(51);
        await Assertions.Expect(more).ToHaveCountAsync(0);
        var priorities = (await rows.Locator("td:first-child").AllTextContentsAsync()).Select(int.Parse).ToList();
        Assert.Equal(Enumerable.Range(50, 51), priorities);
        Assert.Equal(51, (await rows.Locator("td:nth-child(2)").AllTextContentsAsync()).Distinct().Count());
        await console.AssertAccessibleAsync();
        console.AssertNoProblems();
    }

    private async Task CreateAsync(string organization, object integration)
    {
        using var response = await fixture.Client.PostAsJsonAsync($"api/organizations/{organization}/integrations", integration);
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.Created, response);
    }

    private async Task PutCertificateAsync(string organization, string id, int daysLeft)
    {
        using var response = await fixture.Client.PutAsJsonAsync($"api/organizations/{organization}/certificates/{id}",
            new { subject = $"CN={id}.example.com", notAfter = DateTimeOffset.UtcNow.AddDays(daysLeft), autoRenewalEnabled = false });
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
    }

    private async Task<JsonElement> ListIntegrationsAsync(string organization)
    {
        using var response = await fixture.Client.GetAsync($"api/organizations/{organization}/integrations");
        await HostAssert.StatusAsync(fixture.App, HttpStatusCode.OK, response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").Clone();
    }

    private async Task<JsonElement> GetIntegrationAsync(string organization, string name) =>
        (await ListIntegrationsAsync(organization)).EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
}

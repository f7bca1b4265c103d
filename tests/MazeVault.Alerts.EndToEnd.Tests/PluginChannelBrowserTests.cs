using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.TestSupport.Pager;
using MazeVault.Alerts.TestSupport.Vendors;
using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// A channel added as a plug-in folder gets its form with no console code: the test-only pager, which the compiled
/// plug-in app adds with one registration line, in Add Integration with its declared fields, and working end to end.
/// </summary>
public sealed class PluginChannelBrowserTests(PluginConsoleAppFixture fixture) : IClassFixture<PluginConsoleAppFixture>
{
    private const string RoutingKey = "pager-routing-key-0123456789-ZXCV";

    [Fact]
    public async Task The_plug_in_channel_is_in_the_apps_OpenAPI_document_from_its_declarations_alone()
    {
        using var response = await fixture.Client.GetAsync("api/openapi.json");
        var document = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!;

        Assert.Contains("pager", schemas["IntegrationType"]!["enum"]!.AsArray().Select(t => t!.GetValue<string>()));
        var input = schemas["PagerIntegrationFields"]!["properties"]!;
        Assert.Equal("uri", input["pagerUrl"]!["format"]!.GetValue<string>());
        Assert.EndsWith(ChannelSchemas.WriteOnlyNote, input["pagerRoutingKey"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/SecretView", schemas["PagerIntegrationViewFields"]!["properties"]!["pagerRoutingKey"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/PagerIntegrationFields",
            schemas["IntegrationInput"]!["discriminator"]!["mapping"]!["pager"]!.GetValue<string>());
        Assert.Contains("#/components/schemas/PagerIntegrationViewFields",
            schemas["Integration"]!["oneOf"]!.AsArray().Select(r => r!["$ref"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_test_only_plug_in_channel_is_added_through_its_declared_fields_and_Test_pages_its_server()
    {
        var organization = AlertsAppFixture.NewOrganizationId();
        fixture.Vendor.On("POST", "/pager/pages", new FakeResponse(202));
        var console = await fixture.OpenAsync();
        await console.OpenOrganizationAsync(organization);
        var page = console.Page;
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add Integration" });

        await Assertions.Expect(form.GetByLabel("Type").Locator("option[value=pager]")).ToHaveTextAsync(PagerChannel.DisplayName);
        await form.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = PagerChannel.DisplayName });
        var url = form.GetByLabel("Pager URL (required)");
        var routingKey = form.GetByLabel("Routing key (required)");
        var priority = form.GetByLabel("Priority");
        await Assertions.Expect(url).ToHaveAttributeAsync("type", "url");
        await Assertions.Expect(routingKey).ToHaveAttributeAsync("type", "password");
        await Assertions.Expect(priority).ToHaveAttributeAsync("type", "text");
        await Assertions.Expect(priority).Not.ToHaveAttributeAsync("required", "");
        // The declared fields' help, in the channel's own box (the route section below has help of its own).
        await Assertions.Expect(form.Locator("div.fields .hint")).ToHaveTextAsync(["Receives a JSON POST per page.", "Sent with each page in the X-Routing-Key header.", "low or high"]);

        await form.GetByLabel("Name").FillAsync("On call");
        await url.FillAsync(fixture.Vendor.Url("/pager/pages").AbsoluteUri);
        await priority.FillAsync("high");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-field=pagerRoutingKey] + .field-error")).ToHaveTextAsync("pagerRoutingKey is required.");
        await Assertions.Expect(form.Locator(".field-error")).ToHaveCountAsync(1);
        await console.AssertAccessibleAsync();

        await routingKey.FillAsync(RoutingKey);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save Integration" }).ClickAsync();
        var card = page.Locator("li.card", new() { HasText = "On call" });
        await Assertions.Expect(card).ToContainTextAsync("Active");
        await card.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Assertions.Expect(page.Locator(".toast.success").Last).ToContainTextAsync("On call: test notification sent (paged)");
        await console.AssertAccessibleAsync();

        var sent = Assert.Single(fixture.Vendor.RequestsTo("POST", "/pager/pages"));
        Assert.Equal(RoutingKey, sent.Header(PagerChannel.RoutingKeyHeader));
        Assert.Equal(
            (IntegrationTester.TestSubject, "high", true),
            (sent.Json["summary"]!.GetValue<string>(), sent.Json["priority"]!.GetValue<string>(), sent.Json["test"]!.GetValue<bool>()));
        var inputValues = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('input')].map(i => i.value)");
        Assert.DoesNotContain(RoutingKey, inputValues);
        Assert.DoesNotContain("routing-key-0123456789", await page.ContentAsync(), StringComparison.Ordinal);
        console.AssertNoProblems();
    }
}

using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>A browser page on the console, with what went wrong in it: console errors, failed requests, dialogs.</summary>
public sealed class ConsolePage
{
    public ConsolePage(IPage page)
    {
        Page = page;
        page.Console += (_, message) =>
        {
            // Chromium logs every 4xx answer to fetch; the flows show those on purpose (field errors, refusals).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
            {
                Problems.Add($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => Problems.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            // 4xx the console shows as errors are part of the flows; a 5xx never is.
            if (response.Status >= 500)
            {
                Problems.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
    }

    public IPage Page { get; }
    public List<string> Problems { get; } = [];
    public List<string> Dialogs { get; } = [];

    /// <summary>Opens the console on <paramref name="organizationId"/> the way an operator does: type it, press Open.</summary>
    public async Task OpenOrganizationAsync(string organizationId, string screen = "notifications")
    {
        await Page.GotoAsync($"api/console/#/{screen}");
        await Page.GetByLabel("Organization").FillAsync(organizationId);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestSupport.RepositoryPaths.Root, "docs", "images", $"console-{name}.png"), FullPage = false });

    /// <summary>axe-core over the page as it is now: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync()
    {
        // Not into frames: the report preview's frame is sandboxed without scripts (as it must be), so axe cannot run in
        // it and would wait for it forever; the report's HTML is the email's, checked by the report's own tests.
        var results = await Page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    /// <summary>
    /// What a forged form on the page does: POSTs <paramref name="json"/> to <paramref name="url"/> as text/plain (the one
    /// JSON-looking body a form can send without a preflight) and answers the response the browser got.
    /// </summary>
    public Task<IResponse> SubmitFormAsync(string url, string json) =>
        Page.RunAndWaitForResponseAsync(() => Page.EvaluateAsync("""
            ([url, json]) => {
              const form = document.createElement('form');
              form.method = 'POST';
              form.action = url;
              form.enctype = 'text/plain';
              const field = document.createElement('input');
              field.name = json.slice(0, -1) + ',"pad":"';
              field.value = '"}';
              form.append(field);
              document.body.append(form);
              form.submit();
            }
            """, new[] { url, json }), response => response.Request.Method == "POST" && response.Url == url, new() { Timeout = 10_000 });

    public void AssertNoProblems() => Assert.True(Problems.Count == 0, string.Join("\n", Problems));
}

using Microsoft.Playwright;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The compiled app (ACCESS_MODE=local, as `npm start` runs it) with its local HTTPS vendor server, and a headless
/// Chromium driven by Playwright: the system's <c>chromium</c> (<c>CHROMIUM_PATH</c> to use another), since browsers
/// cannot be downloaded here.
/// </summary>
public class ConsoleAppFixture : DeliveryAppFixture
{
    private IPlaywright? _playwright;

    public ConsoleAppFixture()
    {
    }

    protected ConsoleAppFixture(string appDirectoryKey)
        : base(appDirectoryKey)
    {
    }

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>
    /// A fresh page at 1280×800 that records every console error and failed request of the page; <paramref name="headers"/>
    /// go with every request the browser makes (what App Service Authentication adds for a signed-in person).
    /// </summary>
    public async Task<ConsolePage> OpenAsync(int width = 1280, int height = 800, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Client.BaseAddress!.AbsoluteUri,
            ExtraHTTPHeaders = headers,
        });
        return new ConsolePage(await context.NewPageAsync());
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

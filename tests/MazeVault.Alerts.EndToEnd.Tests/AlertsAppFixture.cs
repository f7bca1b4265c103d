using System.Reflection;
using System.Text.Json.Nodes;
using MazeVault.Alerts.TestHost;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// One Azurite and one compiled MazeVault.Alerts.Functions process per test class, started through the test host.
/// Tests isolate themselves with <see cref="NewOrganizationId"/> rather than a fresh app.
/// </summary>
public class AlertsAppFixture : IAsyncLifetime
{
    /// <summary>The Functions build output, built before this project (a non-referencing project reference).</summary>
    public static string AppDirectory { get; } = typeof(AlertsAppFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FunctionsAppDirectory").Value!;

    public AzuriteFixture Azurite { get; } = new();
    public FunctionsAppHost App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public static string NewOrganizationId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The sample settings (the agreed full set, so validated options start) with storage pointed at the fixture's Azurite.</summary>
    public static Dictionary<string, string> DefaultSettings(AzuriteFixture azurite)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var settings = sample.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        // Failed queue messages come back at once instead of after host.json's 30 s, so retry and poison paths stay fast.
        settings["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:00";
        return settings;
    }

    /// <summary>A hook for a test class that needs different settings (e.g. local vendor server URLs).</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var settings = DefaultSettings(Azurite);
        Configure(settings);
        App = await FunctionsAppHost.StartAsync(new FunctionsAppHostOptions { AppDirectory = AppDirectory, Settings = settings });
        Client = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}

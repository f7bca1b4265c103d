using System.Reflection;
using MazeVault.Alerts.TestHost;
using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// One Azurite and one compiled app process per test class, started through the test host and stopped by process id.
/// Tests isolate themselves by data (e.g. a new organization id), not by a fresh app.
/// </summary>
public abstract class AppFixture(string appDirectoryKey) : IAsyncLifetime
{
    public string AppDirectory { get; } = BuiltApp(appDirectoryKey);
    public AzuriteFixture Azurite { get; } = new();
    public FunctionsAppHost App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The build output of an app this project builds first (recorded at build time as assembly metadata).</summary>
    public static string BuiltApp(string key) => typeof(AppFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    /// <summary>The app settings, given the started Azurite.</summary>
    protected abstract Dictionary<string, string> Settings();

    /// <summary>How the host runs the app: by default the test fires timers and pumps queues itself.</summary>
    protected virtual FunctionsAppHostOptions Options() => new() { AppDirectory = AppDirectory, Settings = Settings() };

    public virtual async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        App = await FunctionsAppHost.StartAsync(Options());
        Client = App.CreateClient();
    }

    /// <summary>Stops the app (a worker still running is killed) and starts it again with the same settings on the same storage.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        App = await FunctionsAppHost.StartAsync(Options());
        Client = App.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}

using System.Globalization;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// The development runner's command line: <c>--app &lt;build output&gt;</c>, and optionally <c>--settings &lt;local.settings.json&gt;</c>
/// (default: the one in the app directory, where <c>func</c> reads it) and <c>--port &lt;n&gt;</c> (default: the file's
/// <c>Host.LocalHttpPort</c>, else 7071, as <c>func start</c>).
/// </summary>
internal sealed record RunnerArguments(string AppDirectory, string SettingsFile, int? Port)
{
    public const string Usage = "usage: MazeVault.Alerts.TestHost --app <app build output> [--settings <local.settings.json>] [--port <n>]";

    public static RunnerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{args[i]}' is not an option with a value.\n{Usage}");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var app = values.TryGetValue("app", out var directory) ? Path.GetFullPath(directory) : throw new ArgumentException($"--app is required.\n{Usage}");
        var unknown = values.Keys.Except(["app", "settings", "port"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option --{unknown[0]}.\n{Usage}");
        }

        return new RunnerArguments(
            app,
            values.TryGetValue("settings", out var settings) ? Path.GetFullPath(settings) : Path.Combine(app, "local.settings.json"),
            values.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : null);
    }
}

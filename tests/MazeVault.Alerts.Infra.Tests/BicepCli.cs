using System.Reflection;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64); its path is baked in at build time.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Executable = new(Locate);

    public static CliResult Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    /// <summary>Runs bicep with extra (or, with a null value, removed) environment variables.</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        // Offline machine: no telemetry, no update checks.
        CliProcess.Run(Executable.Value, InfraPaths.Infra, new Dictionary<string, string?>(environment) { ["BICEP_TELEMETRY_ENABLED"] = "false" }, args, Timeout);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at '{path}': restore Azure.Bicep.CommandLine.linux-x64 (dotnet restore).");
        }

        // NuGet extraction does not always keep the execute bit (the package is linux-x64 only).
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}

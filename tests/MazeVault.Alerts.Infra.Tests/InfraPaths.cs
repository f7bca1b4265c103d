using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Infra.Tests;

public static class InfraPaths
{
    public static string Infra { get; } = Path.Combine(RepositoryPaths.Root, "infra");
    public static string MainTemplate { get; } = Path.Combine(Infra, "main.bicep");
    public static string MainParameters { get; } = Path.Combine(Infra, "main.bicepparam");
    public static string LocalSettingsSample { get; } = Path.Combine(RepositoryPaths.Root, "local.settings.sample.json");

    /// <summary>Every Bicep file in infra/: main, its parameters and each module.</summary>
    public static IEnumerable<string> AllBicepFiles() =>
        Directory.EnumerateFiles(Infra, "*.bicep*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path);
}

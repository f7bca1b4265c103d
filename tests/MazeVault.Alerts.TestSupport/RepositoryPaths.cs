namespace MazeVault.Alerts.TestSupport;

/// <summary>Finds the repository root (where package.json and the solution sit) from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MazeVault.Alerts.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MazeVault.Alerts.slnx above {AppContext.BaseDirectory}.");
    }
}

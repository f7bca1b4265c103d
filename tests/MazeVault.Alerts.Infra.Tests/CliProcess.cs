using System.Diagnostics;

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>Runs a command-line tool to its end and captures what it said.</summary>
public static class CliProcess
{
    /// <summary>Runs <paramref name="executable"/> with extra (or, with a null value, removed) environment variables.</summary>
    public static CliResult Run(string executable, string workingDirectory, IReadOnlyDictionary<string, string?> environment, IEnumerable<string> args, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', startInfo.ArgumentList)} did not finish in {timeout}.");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

namespace MazeVault.Alerts.Infra.Tests;

/// <summary>What a command-line tool (the Bicep CLI, a deployment hook script) exited with and said.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the tool said besides its output: diagnostics of any level.</summary>
    public string Diagnostics => StandardError.Trim();
}

namespace MazeVault.Alerts.Infra.Tests;

public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the CLI said besides the compiled output: diagnostics of any level.</summary>
    public string Diagnostics => StandardError.Trim();
}

namespace MazeVault.Alerts.TestHost;

/// <summary>A test host step failed; the message starts with the step so a failing test says where it stopped.</summary>
public sealed class FunctionsHostException(string step, string detail, Exception? inner = null)
    : Exception($"Test host step '{step}' failed: {detail}", inner)
{
    public string Step { get; } = step;

    /// <summary>The worker process the failed start had launched (already stopped), if it got that far.</summary>
    public int? WorkerProcessId { get; internal set; }
}

namespace MazeVault.Alerts.TestHost;

/// <summary>How an invocation ended: the worker's status, and its exception text when it failed.</summary>
public sealed record FunctionInvocationResult(string FunctionName, string InvocationId, bool Succeeded, string? Error);

namespace MazeVault.Alerts.TestHost;

/// <summary>One log line the worker sent over the protocol (<c>RpcLog</c>).</summary>
public sealed record WorkerLogLine(DateTimeOffset At, string Level, string Category, string Message, string? Exception, string? InvocationId)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}";
}

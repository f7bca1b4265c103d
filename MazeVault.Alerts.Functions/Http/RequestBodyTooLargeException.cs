namespace MazeVault.Alerts.Functions.Http;

/// <summary>A request body larger than its function's <see cref="RequestBodyLimits"/>: answered 413 naming the limit.</summary>
public sealed class RequestBodyTooLargeException(int limit)
    : Exception($"The request body is larger than this operation's limit of {limit} bytes ({limit / 1024} KiB).")
{
    public int Limit { get; } = limit;
}

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// A rotation execution result as posted to the API: status <c>success</c> or <c>failed</c>, the error of a failure, and
/// optionally the caller's id of the execution, which tells a retried report from another failure.
/// </summary>
public sealed record RotationExecutionRequest
{
    public string? Status { get; init; }
    public string? Error { get; init; }
    public string? ExecutionId { get; init; }
}

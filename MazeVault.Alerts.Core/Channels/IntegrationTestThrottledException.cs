namespace MazeVault.Alerts.Core.Channels;

/// <summary>The integration was tested too often just now; the API answers 429 with <see cref="RetryAfter"/>.</summary>
public sealed class IntegrationTestThrottledException(TimeSpan retryAfter)
    : Exception($"This integration was tested too often; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

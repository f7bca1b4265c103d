namespace MazeVault.Alerts.Core.Validation;

/// <summary>The caller asked too often; HTTP adapters answer 429 with <see cref="RetryAfter"/> as the Retry-After header.</summary>
public abstract class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

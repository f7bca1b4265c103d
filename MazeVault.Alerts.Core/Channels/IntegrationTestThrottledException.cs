using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Channels;

/// <summary>The integration was tested too often just now; the API answers 429 with <see cref="TooManyRequestsException.RetryAfter"/>.</summary>
public sealed class IntegrationTestThrottledException(TimeSpan retryAfter)
    : TooManyRequestsException($"This integration was tested too often; try again in {Math.Ceiling(retryAfter.TotalSeconds)} s.", retryAfter);

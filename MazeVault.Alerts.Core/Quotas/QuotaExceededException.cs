using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Quotas;

/// <summary>An organization used up a quota of its window (e.g. incidents this minute); the API answers 429 with Retry-After.</summary>
public sealed class QuotaExceededException(string quota, int limit, TimeSpan retryAfter)
    : TooManyRequestsException($"This organization reached its {quota} quota ({limit}); try again in {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))} s.", retryAfter)
{
    public string Quota { get; } = quota;
}
